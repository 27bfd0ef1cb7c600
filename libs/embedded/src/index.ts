export * from './anvil-process';
export * from './free-port';
export * from './postgres-process';
