// How the renderer is built: one static folder (index.html + hashed assets) that both Electron and browser mode load.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // import.meta.dirname, not node:path: the renderer folder may not import Node modules (see eslint.config.js),
  // and Vite injects this file's own folder when it bundles the config.
  root: import.meta.dirname,
  // Relative asset URLs: the same build is served over loopback HTTP and loaded from disk by Electron.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: false,
    // The CSP is script-src 'self': no inline scripts, no eval. Chromium 156 needs no modulepreload polyfill,
    // and leaving it out keeps the page to one external module script.
    modulePreload: { polyfill: false },
    // Electron 45 is Chromium 156: no down-levelling needed.
    target: 'chrome130',
    // Keep every asset a file: a data: URL for a script would be refused by the CSP.
    assetsInlineLimit: 0,
  },
});
