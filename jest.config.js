// Jest runs TypeScript through SWC (fast, keeps decorator metadata). NestJS 12 and a few of
// its dependencies ship pure ESM, which Jest's CommonJS runtime cannot load, so they are
// transformed too instead of being ignored like the rest of node_modules.
const esmPackages = [
  '@nestjs',
  '@noble',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
  'jose',
  'canonicalize',
  // RFC 3161 timestamps (libs/formats/src/timestamp.*): pkijs 4 and its dependencies are ESM.
  'pkijs',
  'asn1js',
  '@peculiar',
  'bytestreamjs',
];
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest'] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: { '^@signet/([^/]+)$': '<rootDir>/libs/$1/src', '^@migrations$': '<rootDir>/migrations' },
  testEnvironment: 'node',
};
module.exports = {
  // A per-project testTimeout is ignored by Jest 30; this global one is the ceiling for
  // integration and e2e tests, which start real servers.
  testTimeout: 180000,
  // Global setup and teardown run outside the projects and need the transform too.
  transform: common.transform,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/test/vectors/**/*.spec.ts',
      ],
    },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'] },
  ],
};
