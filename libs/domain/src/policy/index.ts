export * from './data-checks';
export * from './decide-policy';
export * from './nda-scope';
export * from './policy-decision';
export * from './policy-input';
export * from './policy-pack';
export * from './policy-tests';
export * from './vet-policy-pack';
