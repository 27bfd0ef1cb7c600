export * from './anvil-process';
export * from './free-port';
