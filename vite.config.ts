import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The client is built into dist/web and served by the Fastify process (server/platform/static.ts).
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
