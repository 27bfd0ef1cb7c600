export * from './config-error';
export * from './signet-config';
