import { defineConfig, type Plugin } from 'vite';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';

/** Prints each bundle's raw and gzip size after a build. */
function reportSizes(): Plugin {
  return {
    name: 'gc-report-sizes',
    generateBundle(_options, bundle) {
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const gz = gzipSync(chunk.code).length;
        console.log(`  ${name.padEnd(22)} ${(chunk.code.length / 1024).toFixed(1).padStart(6)} KB  ${(gz / 1024).toFixed(1).padStart(5)} KB gzip`);
      }
    },
  };
}

/**
 * Also emits each bundle under a content-hashed name (giftcard.<hash>.js, giftcard.iife.<hash>.js) that
 * the gateway serves with a one-year immutable cache, and manifest.json mapping stable → hashed names.
 */
function versionedCopies(): Plugin {
  const manifest: Record<string, string> = {}; // shared by the ES and IIFE outputs: the last one writes both
  return {
    name: 'gc-versioned-copies',
    generateBundle(_options, bundle) {
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const hash = createHash('sha256').update(chunk.code).digest('hex').slice(0, 10);
        manifest[name] = name.replace(/\.js$/, `.${hash}.js`);
        this.emitFile({ type: 'asset', fileName: manifest[name], source: chunk.code });
      }
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: JSON.stringify(manifest, null, 2) + '\n' });
    },
  };
}

/** The widget: dist/widget/giftcard.js (ES module) and giftcard.iife.js (classic script tag). */
export default defineConfig({
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    target: 'es2022',
    lib: {
      entry: 'widget/index.ts',
      name: 'GiftCard',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'giftcard.js' : 'giftcard.iife.js'),
    },
    rolldownOptions: { output: { minify: true } },
  },
  plugins: [reportSizes(), versionedCopies()],
});
