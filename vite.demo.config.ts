// The all-in-browser demo: a static site whose service worker runs the BFF and the simulated Spine.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  root: 'demo',
  publicDir: '../public',
  build: {
    outDir: '../dist/demo',
    emptyOutDir: true,
    cssMinify: 'esbuild',
    // The demo carries the whole simulated world (including a 2 MB record) in its bundle.
    chunkSizeWarningLimit: 4000,
  },
});
