export * from './monitoring-rules';
export * from './rate-baseline';
export * from './value-baseline';
export * from './behaviour-baseline';
export * from './chain-findings';
