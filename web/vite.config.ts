// Three pages built into dist/ for hearthd to serve: the customer portal at /, the agent console
// at /agent/ and the operator dashboard at /ops/. Plain TypeScript modules, no framework.
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests run in a time zone other than UTC, as the C++ tests do: times shown to customers are local.
process.env.TZ = 'Europe/Stockholm';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    target: 'es2020',
    // Everything is served by hearthd under a strict Content-Security-Policy: no inline code.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        portal: resolve(__dirname, 'index.html'),
        agent: resolve(__dirname, 'agent/index.html'),
        ops: resolve(__dirname, 'ops/index.html'),
      },
    },
  },
  server: {
    // `npm run dev` against a hearthd on its default HTTP port.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
});
