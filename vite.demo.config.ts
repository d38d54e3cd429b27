// The all-in-browser demo: a static site whose service worker runs the BFF and the simulated Spine.
// Same index.html as the app; only its entry script differs (demo/main.ts starts the in-page Spine first).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [
    react(),
    {
      name: 'demo-entry',
      transformIndexHtml: {
        order: 'pre',
        handler: (html) =>
          html
            .replace('/src/app/main.tsx', '/demo/main.ts')
            .replace('<title>GP Connect Viewer</title>', '<title>GP Connect Viewer (demo, simulated Spine)</title>'),
      },
    },
  ],
  resolve: {
    // The BFF runs in the page here: csv-stringify's browser build (its Node build needs Buffer).
    alias: { 'csv-stringify/sync': 'csv-stringify/browser/esm/sync' },
  },
  build: {
    outDir: 'dist/demo',
    emptyOutDir: true,
    cssMinify: 'esbuild',
    // The demo carries the whole simulated world (including a 2 MB record) in its bundle.
    chunkSizeWarningLimit: 4000,
  },
});
