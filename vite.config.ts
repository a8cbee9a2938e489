import { defineConfig, type Plugin, type Rolldown } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

// The page lives in src/ (the top level holds only tools' configs); the build goes to dist/.
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const INITIAL_JS_BUDGET_KB = 120;

/**
 * Gzip size of the JavaScript the browser must load before the app is usable: the entry chunk
 * plus everything it imports statically (lazy chunks such as the barcode renderer are excluded).
 * The benchmark reports the same figure (tests/bench/browser.ts).
 */
export function initialJsBytes(bundle: Rolldown.OutputBundle): number | undefined {
  const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.fileName.startsWith('assets/'));
  if (!entry || entry.type !== 'chunk') return undefined;
  const seen = new Set<string>();
  const visit = (name: string) => {
    const chunk = bundle[name];
    if (seen.has(name) || !chunk || chunk.type !== 'chunk') return;
    seen.add(name);
    chunk.imports.forEach(visit);
  };
  visit(entry.fileName);
  let bytes = 0;
  for (const name of seen) {
    const chunk = bundle[name];
    if (chunk?.type === 'chunk') bytes += gzipSync(chunk.code).length;
  }
  return bytes;
}

/** Prints the initial JavaScript at every build, against the ARCHITECTURE.md §8 budget of 120 KB. */
function initialJsReport(): Plugin {
  return {
    name: 'trove-initial-js',
    apply: 'build',
    generateBundle(_options, bundle) {
      const bytes = initialJsBytes(bundle);
      if (bytes === undefined) return;
      const kb = (bytes / 1024).toFixed(1);
      const verdict = bytes / 1024 <= INITIAL_JS_BUDGET_KB ? 'within' : 'OVER';
      console.log(`Initial JS: ${kb} KB gzip (budget ${INITIAL_JS_BUDGET_KB} KB, ${verdict})`);
    },
  };
}

export default defineConfig({
  plugins: [
    svelte(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'service-worker',
      filename: 'sw.ts',
      injectRegister: false, // registered by src/state/updates.svelte.ts through workbox-window
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['favicon.svg', 'icons/*.png'],
      injectManifest: {
        rollupFormat: 'iife', // a classic-script worker: every browser that installs PWAs runs it
        globPatterns: ['**/*.{js,css,html,svg,png,ico,wasm,webmanifest,woff2}'],
        globIgnores: ['screenshots/**'],
      },
      manifest: {
        id: '/',
        name: 'Trove — point of sale for boutiques',
        short_name: 'Trove',
        description: 'Offline-first point of sale and inventory for jewelry and accessories boutiques.',
        start_url: '/sell',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f7f4ef',
        theme_color: '#2f2a45',
        categories: ['business', 'productivity', 'shopping'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        screenshots: [
          {
            src: '/screenshots/tablet-sell.png',
            sizes: '768x1024',
            type: 'image/png',
            form_factor: 'narrow',
            label: 'Ringing up a sale on a tablet',
          },
          {
            src: '/screenshots/tablet-landscape.png',
            sizes: '1024x768',
            type: 'image/png',
            form_factor: 'wide',
            label: 'Trove on a tablet in landscape',
          },
        ],
      },
    }),
    initialJsReport(),
  ],
  root: here('./src'),
  publicDir: here('./public'),
  build: { target: 'es2022', sourcemap: false, outDir: here('./dist'), emptyOutDir: true },
  server: { port: 5173 },
});
