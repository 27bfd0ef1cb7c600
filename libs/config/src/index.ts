export * from './config-error';
export * from './env-readers';
export * from './service-settings';
export * from './signet-config';
