export * from './agreement-status';
export * from './decimal-amount';
export * from './deposit-limits';
export * from './mandate';
export * from './records';
export * from './party-signatures';
export * from './ratification-rules';
