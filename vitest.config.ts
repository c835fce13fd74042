import { defineConfig } from 'vitest/config'

// The suite runs on PGlite; when TEST_DATABASE_URL is set the server-side API suites run again on PostgreSQL.
const pg = process.env.TEST_DATABASE_URL

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default'] : ['default'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: process.env.CI ? 2 : undefined,
    projects: [
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['src/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          env: { QD_TEST_DB: 'pglite' },
        },
      },
      ...(pg
        ? [
            {
              extends: true,
              test: {
                name: 'postgres',
                include: ['src/server/**/*.test.ts'],
                exclude: ['src/server/lib/**', 'src/server/**/*.unit.test.ts', 'src/server/seed/**'],
                globalSetup: ['test/global-setup.ts'],
                env: { QD_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
})
