export * from './draft';
export * from './sdk-error';
export * from './signet-client';
