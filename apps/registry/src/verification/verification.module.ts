import { Module, type DynamicModule } from '@nestjs/common';
import type { SignetConfig } from '@signet/config';
import { AgreementsModule } from '../agreements/agreements.module';
import { AgreementVerdictResolver } from './agreement-verdict.resolver';
import { ChainFacts } from './chain-facts';
import { VerdictBuilder } from './verdict.builder';
import { VERIFICATION_OPTIONS, type VerificationOptions } from './verification-options';
import { VerifyResolver } from './verify.resolver';

/** Public verification by blockchain id, and the verdict on every agreement a caller reads. */
@Module({})
export class VerificationModule {
  static register(config: Pick<SignetConfig, 'confirmations'>): DynamicModule {
    const options: VerificationOptions = {
      confirmations: config.confirmations,
      cacheEntries: 50_000,
      volatileTtlMs: 1_000,
      headTtlMs: 500,
    };
    return {
      module: VerificationModule,
      imports: [AgreementsModule],
      providers: [
        { provide: VERIFICATION_OPTIONS, useValue: options },
        ChainFacts,
        VerdictBuilder,
        VerifyResolver,
        AgreementVerdictResolver,
      ],
    };
  }
}
