export * from './cedar-pack.compiler';
export * from './pack-directory';
export * from './pack.schema';
