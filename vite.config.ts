import { defineConfig, type Plugin } from 'vite';
import { gzipSync } from 'node:zlib';

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
  plugins: [reportSizes()],
});
