export * from './anvil-process';
export * from './free-port';
export * from './postgres-process';
export * from './s3-process';
