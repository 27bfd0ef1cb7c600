// The public surface of @signet/formats: pure functions over bytes and JSON, shared by the
// service, the SDK, the CLI and anyone writing an independent verifier (docs/FORMATS.md).
export * from './format.error';
export * from './bytes.codec';
export * from './keccak.hash';
export * from './random.source';
export * from './canonical-json.codec';
export * from './metadata.schema';
export * from './metadata.hash';
export * from './commitment.hash';
export * from './abi.codec';
export * from './address.checksum';
export * from './agreement-id.hash';
export * from './ed25519.signature';
export * from './key-pair.keys';
export * from './sealed-box.cipher';
export * from './sealing.cipher';
export * from './record.hash';
export * from './merkle.tree';
export * from './blockchain-id.codec';
export * from './receipt.model';
export * from './evidence.verifier';
export * from './termination.hash';
export * from './party-signature';
export * from './ijson.codec';
export * from './mandate.rule';
export * from './evidence-bundle.model';
export * from './evidence-credentials.checks';
