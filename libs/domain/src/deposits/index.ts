export * from './batch-repeats';
export * from './deposit-checks';
export * from './deposit-command';
export * from './new-deposit';
export * from './parse-deposit';
