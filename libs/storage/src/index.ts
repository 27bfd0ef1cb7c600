export * from './file-blob-store.adapter';
export * from './s3-blob-store.adapter';
export { S3RequestError } from './s3-request.error';
export * from './retention-wrap.codec';
export * from './retention-blob-store.decorator';
export * from './file-key-vault.adapter';
