import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// Three projects: pure/data code in Node (IndexedDB from fake-indexeddb), Svelte components in
// happy-dom, and the sync server (spawned as a real child process) in Node.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/{domain,data,scan,lint}/**/*.test.ts'],
          setupFiles: ['tests/support/setup-node.ts'],
        },
      },
      {
        plugins: [svelte(), svelteTesting()],
        test: {
          name: 'ui',
          environment: 'happy-dom',
          // sync/ and state/ use window, document and timers like the page does.
          include: ['tests/{ui,state,sync}/**/*.test.ts'],
          setupFiles: ['tests/support/setup-ui.ts'],
        },
      },
      {
        test: {
          // The real sync client (fake-indexeddb) against the real server as a child process.
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          setupFiles: ['tests/support/setup-node.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      { test: { name: 'bench-smoke', environment: 'node', include: ['tests/bench/**/*.test.ts'], setupFiles: ['tests/support/setup-node.ts'], testTimeout: 120_000, hookTimeout: 60_000, fileParallelism: false } },
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['tests/server/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
