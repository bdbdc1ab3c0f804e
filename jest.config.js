/** Unit specs sit beside the code; e2e specs live in test/ and talk to a real PostgreSQL and real sockets. */
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
const common = { moduleFileExtensions: ['js', 'json', 'ts'], testEnvironment: 'node', transform, setupFiles: ['reflect-metadata'] };

module.exports = {
  testTimeout: 60000,
  maxWorkers: process.env.CI ? 2 : '50%',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    { ...common, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
