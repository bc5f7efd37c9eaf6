import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'engine/**/*.test.ts',
      'nodes/**/*.test.ts',
      'cli/**/*.test.ts',
      'tests/**/*.test.ts',
      'scripts/**/*.test.ts',
      'resources/**/*.test.ts',
      'bench/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'electron/**/*.test.ts',
    ],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
