export * from './audit-chain';
export * from './audit-chain.verifier';
