// Widget build configuration. The widget bundle (script-tag entry under widget/) is added with the
// web-components work; until then this file only fixes where builds go.
export default {
  build: { outDir: 'dist/widget', emptyOutDir: true },
};
