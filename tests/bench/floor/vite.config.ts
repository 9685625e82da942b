// Builds the bare Phaser 4 floor page the benchmark compares the game with. The same build
// options as the game (relative base, es2022, no inlined assets); tests/bench/run.ts sets the
// output folder (outside the source tree, so lint and git never see the built files).
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    emptyOutDir: true,
  },
});
