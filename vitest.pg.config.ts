// The same store, scheduler, outbox and life-cycle tests on PostgreSQL (npm run test:pg):
// a throwaway cluster is started by the global setup (scripts/pg-throwaway.mjs).
import { defineConfig } from 'vitest/config';

process.env.LIANDONG_TEST_DB = 'postgresql';

export default defineConfig({
  test: {
    include: [
      'test/bot/life.test.ts',
      'test/bot/delivery.test.ts',
      'test/bot/clues.test.ts',
      'test/bot/clue-crash.test.ts',
      'test/bot/meetings.test.ts',
      'test/bot/ledger.test.ts',
      'test/bot/digest.test.ts',
      'test/bot/forms.test.ts',
      'test/pg/**/*.test.ts',
    ],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
