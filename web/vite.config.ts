import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(webRoot, '..');

/**
 * antd's stylesheet is added by the app once its script runs (loadAntdStylesheet, ADR 21), and the first render
 * waits for it. A preload in index.html starts its download with the page's own, so that it is there by then. Not a
 * stylesheet link: that would hold back every script until the 1 MB sheet is loaded.
 */
function preloadAntdStylesheet(): Plugin {
  let base = '/';
  return {
    name: 'ronghe:preload-antd-stylesheet',
    apply: 'build',
    configResolved: (config) => {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler: (_html, { bundle }) => {
        const sheet = Object.values(bundle ?? {}).find(
          (file) =>
            file.type === 'asset' &&
            file.originalFileNames.some((name) => name.endsWith('antd/dist/antd.css')),
        );
        if (!sheet) return [];
        const href = `${base}${sheet.fileName}`;
        return [{ tag: 'link', attrs: { rel: 'preload', as: 'style', href }, injectTo: 'head' }];
      },
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), preloadAntdStylesheet()],
  resolve: {
    // Mirrors the "#contracts/*" entry of package.json "imports", so the contracts resolve the same way whether
    // Vite honours subpath imports for files outside its root or not.
    alias: [{ find: /^#contracts\/(.*)$/, replacement: `${resolve(repoRoot, 'contracts')}/$1.ts` }],
  },
  server: {
    port: 5173,
    strictPort: true,
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: { port: 4173, proxy: { '/api': { target: 'http://localhost:3000' } } },
  build: {
    outDir: resolve(webRoot, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
});
