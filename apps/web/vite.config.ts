import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const api = process.env.GDTX_API_URL ?? 'http://127.0.0.1:3000';

// Built into apps/web/dist, which the API serves at / (apps/api/src/bootstrap.ts).
export default defineConfig({
  root: here('.'),
  // Every text asset is also written as .br and .gz beside it (issue 16: about 2 MB of JavaScript was sent
  // uncompressed); the API serves the best one the browser accepts (apps/api/src/bootstrap.ts).
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' })],
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
