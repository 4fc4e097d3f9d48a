import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { channelNamesDefine } from './scripts/channel-names.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));

// The renderer is one static build served both by Electron (file://) and by the browser host,
// so asset URLs are relative.
export default defineConfig(async () => ({
  root: path.resolve(root, 'renderer'),
  // The contract's channel names for the wire's event check (shared/channel-names.ts).
  define: await channelNamesDefine(),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(root, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
}));
