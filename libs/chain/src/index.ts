export * from './artifact';
export * from './provider';
export * from './registry-client';
export * from './registry-logs';
export * from './registry-types';
export * from './credential-key';
export * from './eip1559-signer';
