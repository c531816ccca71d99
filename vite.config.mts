import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/**
 * The renderer bundle is served from `http://127.0.0.1:PORT/` by the browser host and from `keel://app/` by the
 * Electron host, so every asset path is relative (`base: './'`). Monaco and xterm are dynamic imports: they land in
 * their own chunks and the workbench chrome is interactive before they load.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // Monaco's TypeScript worker alone is several MB; the size is known and loaded lazily.
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
});
