export * from './webhook-events';
export * from './webhook-url.policy';
export * from './delivery-retry.policy';
export * from './webhook-signer';
