import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

/**
 * The explorer's build: Svelte 5 components and the lab's pure core from
 * src/, bundled by Vite into one HTML file (vite-plugin-singlefile) with the
 * simulation's Web Worker inlined (`?worker&inline`, a Blob URL). Used by
 * explorer/build.ts, which adds the Content-Security-Policy.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  publicDir: false,
  plugins: [svelte(), viteSingleFile({ removeViteModuleLoader: true })],
  // Rolldown's "slow plugin" notices would print on every `risklab explore`; the build is a few seconds by design.
  worker: { format: 'iife', rolldownOptions: { checks: { bundlerTimings: false } } },
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../node_modules/.cache/risklab-explorer', import.meta.url)),
    emptyOutDir: true,
    modulePreload: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
