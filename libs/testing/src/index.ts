export * from './test-database';
export * from './signet-process';
export * from './graphql-client';
export * from './cli-runner';
export * from './project-root';
export * from './verify-world';
export * from './cli-world';
