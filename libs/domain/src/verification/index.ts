export * from './verification-check';
export * from './index-row.rules';
export * from './chain-rules';
