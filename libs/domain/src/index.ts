export * from './access/caller';
export * from './anchoring/outbox-work';
export * from './errors';
export * from './ports/blob-store.port';
export * from './agreements';
export * from './ports/agreement-store.port';
export * from './credentials';
