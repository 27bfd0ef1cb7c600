export * from './file-blob-store.adapter';
export * from './s3-blob-store.adapter';
