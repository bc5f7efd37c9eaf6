/**
 * Builds the renderer (the editor) into dist/renderer. `weft serve` serves
 * that folder (building it first when it is missing or stale) and Electron
 * loads the same files.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
