/** `npm run bench -- <name>`: runs one benchmark (see bench/README.md). */
const benches: Record<string, () => Promise<unknown>> = {
  holds: () => import('./holds.bench.ts'),
  expiry: () => import('./expiry.bench.ts'),
  fanout: () => import('./fanout.bench.ts'),
  catalog: () => import('./catalog.bench.ts'),
};
const name = process.argv[2];
if (!name || !benches[name]) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
await benches[name]();
