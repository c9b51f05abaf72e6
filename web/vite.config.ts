// The customer portal: plain TypeScript modules, built into dist/ for hearthd to serve at /.
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
