import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

/** The widget bundles build, and stay within the size budget (all elements + Lit + clients ≤ 25 KB gzip). */
describe('widget bundle', () => {
  it('builds ES and IIFE bundles under 25 KB gzip', async () => {
    const root = join(import.meta.dirname, '..', '..');
    await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error'], { cwd: root });
    for (const file of ['giftcard.js', 'giftcard.iife.js']) {
      const code = readFileSync(join(root, 'dist', 'widget', file));
      const gz = gzipSync(code).length;
      assert.ok(gz <= 25 * 1024, `${file}: ${(gz / 1024).toFixed(1)} KB gzip`);
      assert.match(code.toString(), /gc-balance/);
      assert.match(code.toString(), /gc-tender/);
      assert.match(code.toString(), /gc-catalog/);
    }
    // Content-hashed copies for long caching, listed in manifest.json.
    const manifest = JSON.parse(readFileSync(join(root, 'dist', 'widget', 'manifest.json'), 'utf8'));
    assert.deepEqual(Object.keys(manifest).sort(), ['giftcard.iife.js', 'giftcard.js']);
    for (const [stable, hashed] of Object.entries(manifest) as [string, string][]) {
      assert.match(hashed, /^giftcard(\.iife)?\.[0-9a-f]{10}\.js$/);
      assert.ok(readFileSync(join(root, 'dist', 'widget', hashed)).equals(readFileSync(join(root, 'dist', 'widget', stable))), hashed);
    }
  });
});
