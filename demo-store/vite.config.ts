import { defineConfig } from 'vite';
import { join } from 'node:path';

/** The demo store's page scripts (demo-store/client/*.ts) → dist/store/js/<page>.js, shared code in chunks. */
const pages = ['common', 'shop', 'checkout', 'wallet', 'approve', 'merchant'];

export default defineConfig({
  build: {
    outDir: join(import.meta.dirname, '..', 'dist', 'store', 'js'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    minify: true,
    rolldownOptions: {
      input: Object.fromEntries(pages.map((p) => [p, join(import.meta.dirname, 'client', `${p}.ts`)])),
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
