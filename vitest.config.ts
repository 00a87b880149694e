import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One temporary root per run, removed at the end: tests leave nothing in the system temp folder.
    globalSetup: ['tests/setup/temp-root.ts'],
    setupFiles: ['tests/setup/temp-env.ts'],
  },
});
