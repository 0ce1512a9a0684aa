import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: { outDir: fileURLToPath(new URL('../../dist-bench', import.meta.url)), emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', port: 4180, strictPort: true },
  logLevel: 'warn',
});
