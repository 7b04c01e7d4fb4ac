import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The local server (`npm run dev`) that `npx vite --config web/vite.config.ts` forwards API calls to. */
const localServer = process.env.API_ORIGIN ?? 'http://localhost:3000';
const proxy = { '/api': localServer, '/config.json': localServer };

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The budget is measured in gzip bytes of what a phone downloads; report them on every build.
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // Translation files are named by language and namespace (`i18n/ug-portal-…js`), so a
        // network log shows at a glance which languages a page fetched.
        chunkFileNames: (chunk) => {
          const locale = chunk.facadeModuleId?.match(/locales[\\/]([^\\/]+)[\\/]([^\\/]+)\.json$/);
          return locale ? `assets/i18n/${locale[1]}-${locale[2]}-[hash].js` : 'assets/[name]-[hash].js';
        },
        codeSplitting: {
          groups: [
            {
              // React, the router and i18next, which every screen needs first: one chunk that stays
              // cached between releases of the app's own code.
              name: 'framework',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|i18next|react-i18next)[\\/]/,
              priority: 20,
            },
            // No group for antd: it is imported only by the lazy back office, so Rolldown keeps it
            // in the office's own chunks. A forced antd group had to leave antd's rc-* helpers out
            // (the portal shares them through antd-mobile), which made it import the chunk that
            // imports it back; antd's Table then ran before its helpers existed.
          ],
        },
      },
    },
  },
  server: { proxy },
  preview: { proxy },
});
