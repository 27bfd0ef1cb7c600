import type { S3Settings } from '@signet/config';

/** Where every real part lives once embedded defaults have been filled in. */
export interface RuntimeSettings {
  databaseUrl: string;
  storage: { kind: 's3'; s3: S3Settings } | { kind: 'directory'; directory: string };
  chain: {
    rpcUrl: string;
    chainId: number;
    registryAddress: string;
    /** Secret: never logged. */
    anchorPrivateKey: string;
  };
  operatorKeyFile: string;
}
