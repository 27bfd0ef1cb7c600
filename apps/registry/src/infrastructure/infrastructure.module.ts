import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { BlobStore, Clock, KeyVault } from '@signet/domain';
import type { SignetConfig } from '@signet/config';
import { FileBlobStore, FileKeyVault, RetentionBlobStore, S3BlobStore } from '@signet/storage';
import { RegistryClient, createProvider } from '@signet/chain';
import type { RuntimeSettings } from '../bootstrap/runtime-settings';
import { RUNTIME_SETTINGS } from '../bootstrap/tokens';
import { ChainGateway } from './chain-gateway';
import { clockFor } from '../retention/retention-clock';

function blobStoreFor(settings: RuntimeSettings): BlobStore {
  return settings.storage.kind === 's3'
    ? new S3BlobStore(settings.storage.s3)
    : new FileBlobStore(settings.storage.directory);
}

function chainGatewayFor(settings: RuntimeSettings): ChainGateway {
  const { rpcUrl, chainId, registryAddress } = settings.chain;
  const provider = createProvider(rpcUrl, { chainId, pollingInterval: 250 });
  return new ChainGateway(
    provider,
    RegistryClient.attach(registryAddress, provider),
    chainId,
    registryAddress,
    rpcUrl,
  );
}

/** Object storage and the chain, each behind the port the rest of the service uses. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(ChainGateway) private readonly chain: ChainGateway) {}

  static forRoot(
    settings: RuntimeSettings,
    config: Pick<SignetConfig, 'dataDir' | 'testClockFile'>,
  ): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: RUNTIME_SETTINGS, useValue: settings },
        { provide: Clock, useFactory: () => clockFor(config.testClockFile) },
        // The retention keys (docs/RETENTION.md): every blob is wrapped at rest under one.
        { provide: KeyVault, useFactory: () => new FileKeyVault(join(config.dataDir, 'keys', 'retention')) },
        {
          provide: RetentionBlobStore,
          useFactory: (vault: KeyVault, clock: Clock) =>
            new RetentionBlobStore(blobStoreFor(settings), vault, clock),
          inject: [KeyVault, Clock],
        },
        { provide: BlobStore, useExisting: RetentionBlobStore },
        { provide: ChainGateway, useFactory: () => chainGatewayFor(settings) },
      ],
      exports: [RUNTIME_SETTINGS, Clock, KeyVault, RetentionBlobStore, BlobStore, ChainGateway],
    };
  }

  onApplicationShutdown(): void {
    this.chain.provider.destroy();
  }
}
