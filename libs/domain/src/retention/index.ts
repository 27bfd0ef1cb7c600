export * from './retention-schedule';
export * from './retention-keys';
export * from './legal-hold';
