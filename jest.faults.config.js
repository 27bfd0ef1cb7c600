// The fault harness (npm run test:faults): real parts killed and degraded under load. Kept
// out of `npm test` (jest.config.js matches no *.faults.ts); .ci/run runs its short form.
const base = require('./jest.config.js');
const [unit] = base.projects;

module.exports = {
  testTimeout: 1_800_000,
  // The parts are child processes with exit hooks; a failed run must not hang on them.
  forceExit: true,
  transform: base.transform,
  projects: [
    {
      transform: unit.transform,
      transformIgnorePatterns: unit.transformIgnorePatterns,
      moduleNameMapper: unit.moduleNameMapper,
      testEnvironment: 'node',
      rootDir: __dirname,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.faults.ts'],
    },
  ],
};
