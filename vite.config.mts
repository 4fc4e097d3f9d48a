import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

// The renderer is one static build served both by Electron (file://) and by the browser host,
// so asset URLs are relative.
export default defineConfig({
  root: path.resolve(root, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(root, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
