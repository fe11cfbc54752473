import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Timeouts only catch hangs: on a busy laptop (both cores taken) a test may run many times slower, and
    // no test asserts a wall-clock time (speed lives in `npm run bench`).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
