import { Inject } from '@nestjs/common';
import { BehaviourMonitor } from '../monitoring/behaviour-monitor';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Caller } from '@signet/domain';
import { ChainIdentity, blockchainIdOf } from '../agreements/chain-identity';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { AddWrapUseCase } from './add-wrap.usecase';
import { SealedTextObject, SealedWrapObject } from './dto/sealed.object';
import { OpenSealedUseCase } from './open-sealed.usecase';

@Resolver()
export class SealedResolver {
  constructor(
    @Inject(OpenSealedUseCase) private readonly opening: OpenSealedUseCase,
    @Inject(AddWrapUseCase) private readonly rotation: AddWrapUseCase,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
    @Inject(BehaviourMonitor) private readonly monitor: BehaviourMonitor,
  ) {}

  @Mutation(() => SealedTextObject, {
    description:
      'A recipient reads the sealed text, stating why; the read is logged in the access trail first',
  })
  async openSealed(
    @CurrentCaller() caller: Caller,
    @Args('id', { description: 'Blockchain id (or bare agreement id)' }) id: string,
    @Args('purpose', { description: 'Why you read it; shown to the parties in the access trail' })
    purpose: string,
  ): Promise<SealedTextObject> {
    const opened = await this.opening.execute(caller, id, purpose);
    this.monitor.record(caller.credentialId, { kind: 'sealed.open', at: Date.now() });
    return {
      id: blockchainIdOf(this.chain, opened.agreementId),
      agreementId: opened.agreementId,
      sealedBlob: opened.sealedBlob,
      wrap: { keyId: opened.wrap.keyId, box: opened.wrap.box },
      commitment: opened.commitment,
      sealedDigest: opened.sealedDigest,
      purpose: opened.purpose,
    };
  }

  @Mutation(() => SealedWrapObject, {
    description:
      "A regulator adds a wrap for its current box key, proven by the old wrap holder's signature (docs/AUDIT.md)",
  })
  async addWrap(
    @CurrentCaller() caller: Caller,
    @Args('id') id: string,
    @Args('newKeyId') newKeyId: string,
    @Args('box') box: string,
    @Args('proof', {
      description: 'Ed25519 over H("signet:add-wrap:v1" ‖ id ‖ newKeyId ‖ sealedDigest ‖ H(box))',
    })
    proof: string,
    @Args('fromCredentialId', { nullable: true, description: 'Holder of the old wrap; you when omitted' })
    fromCredentialId?: string,
  ): Promise<SealedWrapObject> {
    const wrap = await this.rotation.execute(caller, { id, newKeyId, box, proof, fromCredentialId });
    return { keyId: wrap.keyId, box: wrap.box };
  }
}
