import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/*
 * The README's walkthrough must work exactly as written against `npm start` (embedded database):
 * this runs the real entry point and the README's shell block, changing only the port and data dir.
 */

const root = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'gc-readme-'));
let gateway: ChildProcess;
let url = '';

before(async () => {
  gateway = spawn(process.execPath, [join(root, 'gateway', 'main.ts')], {
    env: { ...process.env, PORT: '0', GC_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  url = await new Promise<string>((resolve, reject) => {
    gateway.stdout!.on('data', (d) => {
      out += d;
      const m = /giftcard gateway: (http:\/\/\S+)\/graphql/.exec(out);
      if (m) resolve(m[1]);
    });
    gateway.on('exit', (code) => reject(new Error(`gateway exited ${code}: ${out}`)));
  });
});

after(async () => {
  const exited = new Promise((r) => gateway.once('exit', r));
  gateway.kill('SIGTERM');
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('README', () => {
  it('the curl walkthrough works as written', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Pay with a gift card'));
    const script = /```sh\n([\s\S]*?)```/.exec(section)![1]
      .replaceAll('http://localhost:4000', url)
      .replaceAll('./.data/', `${dataDir}/`);
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], { cwd: root });
    assert.match(stdout, /^card [2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/m);
    assert.match(stdout, /"__typename":"HoldPlaced","cardAvailable":2000,"hold":\{"amount":3000,"status":"PENDING"\},"intent":\{"status":"FULLY_HELD"\}/);
    assert.match(stdout, /"__typename":"IntentCaptured","intent":\{"status":"CAPTURED","capturedAmount":3000\}/);
    assert.match(stdout, /"giftCardBalance":\{"available":2000,"currency":"USD","status":"ACTIVE"\}/);
  });
});
