// The web portal's build: root `web/`, output `dist/web` at the repository root (served by src/http/web-static.ts).
// The build also writes the service worker (web/sw/), which the portal registers in production builds only.
// `npm run dev:web` proxies the API to a `tasdeed serve` on port 3000 so the portal can be worked on with hot reload.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { serviceWorker } from './sw/service-worker-plugin.js';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));
const apiTarget = process.env.TASDEED_API_URL ?? 'http://127.0.0.1:3000';

/**
 * Writes `.br` and `.gz` twins of the text files, compressed once at the highest levels, so the server
 * (@fastify/static `preCompressed`) sends a third of the bytes without compressing on every request.
 */
function precompress(): Plugin {
  return {
    name: 'tasdeed-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? outDir;
      const files = Object.values(bundle).filter((item) => /\.(?:js|css|html|svg|json)$/.test(item.fileName));
      await Promise.all(
        files.map(async (item) => {
          const source = Buffer.from(item.type === 'chunk' ? item.code : item.source);
          if (source.length < 1024) return;
          const target = path.join(dir, item.fileName);
          await writeFile(`${target}.br`, brotliCompressSync(source, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
          await writeFile(`${target}.gz`, gzipSync(source, { level: 9 }));
        }),
      );
    },
  };
}

const SHARED = /\/web\/src\/(?:components|lib|api|i18n\/format|features\/quick-pay|features\/[\w-]+\/[\w-]+\.api)[./]/;

export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: 'public',
  plugins: [react(), tailwindcss(), precompress(), serviceWorker({ source: path.join(webRoot, 'sw', 'sw.js'), publicDir: path.join(webRoot, 'public') })],
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    // The main bundle must stay under 250 kB gzipped; routes are split with React.lazy. Warn well before that.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // The small pieces many pages share (components, formatting, the API calls, quick pay's dues and checkout)
      // travel as one chunk beside the main one, not one request each: the dashboard's first visit asked for 17
      // chunks of a few kB, queued on the browser's six connections ahead of the data the page needs.
      output: { manualChunks: (id) => (SHARED.test(id) ? 'shared' : undefined) },
    },
  },
  server: {
    proxy: Object.fromEntries(['/api', '/docs', '/health', '/ready', '/dev'].map((prefix) => [prefix, { target: apiTarget, changeOrigin: false }])),
  },
});
