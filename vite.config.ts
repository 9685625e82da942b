// Vite builds the static site. `base: './'` makes every URL relative, so dist/ works when served
// from any sub-path (/envoy/, an LMS package folder) without a rebuild.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  server: { port: 5173 },
  preview: { port: 4173 },
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1600,
  },
});
