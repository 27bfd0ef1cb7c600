export * from './audit-chain';
export * from './audit-chain.verifier';
export * from './wrap-rotation';
