import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const api = process.env.GDTX_API_URL ?? 'http://127.0.0.1:3000';

/**
 * Writes dist/sw.js from service-worker.js with the build's files to keep for offline use (issue 16 item 8,
 * ADR 0018): every script and style except the Excel export's chunk (an online feature, and the largest). Only in
 * the build: the dev server has no service worker.
 */
function serviceWorker(): Plugin {
  return {
    name: 'gdtx-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => name.startsWith('assets/') && /\.(js|css)$/.test(name) && !/\/exceljs-/.test(name))
        .sort();
      const build = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(here('service-worker.js'), 'utf8').replace('__GDTX_SW_MANIFEST__;', `${JSON.stringify({ build, files })};`);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

// Built into apps/web/dist, which the API serves at / (apps/api/src/bootstrap.ts).
export default defineConfig({
  root: here('.'),
  // Every text asset is also written as .br and .gz beside it (issue 16: about 2 MB of JavaScript was sent
  // uncompressed); the API serves the best one the browser accepts (apps/api/src/bootstrap.ts).
  plugins: [react(), serviceWorker(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' })],
  resolve: {
    // The pure shared kernel (enums, permissions, templates, validation engine) runs in the browser as is.
    alias: { '@gdtx/domain': here('../../libs/domain/src/index.ts') },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'charts';
          if (id.includes('node_modules/dayjs')) return 'antd';
          if (/node_modules\/(antd|@ant-design|@rc-component|rc-[a-z-]+|@emotion|stylis)\//.test(id)) return 'antd';
          // exceljs (its self-contained browser build) is imported on demand by the "Xuất Excel" button: its own chunk,
          // so it stays out of the bundle every page loads.
          if (id.includes('node_modules/exceljs')) return 'exceljs';
          if (id.includes('node_modules')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/graphql': api, '/api': api, '/health': api },
  },
});
