export * from './config-error';
export * from './env-readers';
export * from './rate-limit-store';
export * from './service-settings';
export * from './signet-config';
export * from './monitoring-config';
