import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { BlobStore } from '@signet/domain';
import { FileBlobStore, S3BlobStore } from '@signet/storage';
import { RegistryClient } from '@signet/chain';
import { createChainConnection } from './chain-connection';
import type { RuntimeSettings } from '../bootstrap/runtime-settings';
import { RUNTIME_SETTINGS } from '../bootstrap/tokens';
import { ChainGateway } from './chain-gateway';

function blobStoreFor(settings: RuntimeSettings): BlobStore {
  return settings.storage.kind === 's3'
    ? new S3BlobStore(settings.storage.s3)
    : new FileBlobStore(settings.storage.directory);
}

function chainGatewayFor(settings: RuntimeSettings): ChainGateway {
  const { rpcUrl, anchorPrivateKey, chainId, registryAddress } = settings.chain;
  const { provider, signer } = createChainConnection(rpcUrl, anchorPrivateKey, chainId);
  const registry = RegistryClient.attach(registryAddress, signer);
  return new ChainGateway(provider, signer, registry, chainId, registryAddress, rpcUrl);
}

/** Object storage and the chain, each behind the port the rest of the service uses. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(ChainGateway) private readonly chain: ChainGateway) {}

  static forRoot(settings: RuntimeSettings): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: RUNTIME_SETTINGS, useValue: settings },
        { provide: BlobStore, useFactory: () => blobStoreFor(settings) },
        { provide: ChainGateway, useFactory: () => chainGatewayFor(settings) },
      ],
      exports: [RUNTIME_SETTINGS, BlobStore, ChainGateway],
    };
  }

  onApplicationShutdown(): void {
    this.chain.provider.destroy();
  }
}
