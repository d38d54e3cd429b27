import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    // Vite 8's default CSS minifier fails on nhsuk-frontend (docs/architecture.md, known traps).
    cssMinify: 'esbuild',
  },
  server: {
    port: 5173,
    proxy: {
      '/api': `http://localhost:${process.env.BFF_PORT ?? 8081}`,
      '/__simulated-spine': `http://localhost:${process.env.BFF_PORT ?? 8081}`,
    },
  },
});
