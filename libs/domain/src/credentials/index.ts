export * from './auth-challenge';
export * from './credential-document';
export * from './credential-liveness';
