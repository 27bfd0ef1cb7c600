import { Inject } from '@nestjs/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { fromHex, keyId, serialiseBundle, serialiseReceipt } from '@signet/formats';
import {
  AgreementStore,
  DEPOSIT_LIMITS,
  DomainError,
  ErrorCode,
  type AgreementRecord,
  type Caller,
  type DepositOutcome,
} from '@signet/domain';
import { CurrentCaller } from '../auth/current-caller.decorator';
import {
  AgreementObject,
  DepositItemResultObject,
  DepositResultObject,
  PartySignatureObject,
  RecipientObject,
  StatusChangeObject,
} from './dto/agreement.object';
import { DepositAgreementInput } from './dto/deposit-agreement.input';
import { DepositAgreementUseCase } from './deposit-agreement.usecase';
import { RatificationUseCase } from './ratify-agreement.usecase';
import { TerminateAgreementUseCase } from './terminate-agreement.usecase';
import { PartySignatureInput } from './dto/deposit-agreement.input';
import { ReadAgreementUseCase } from './read-agreement.usecase';
import { EvidenceBundleBuilder } from './evidence-bundle.builder';
import { ChainIdentity } from './chain-identity';
import { presentAgreement } from './list-agreements.presenter';
import { perItem } from '../graphql/request-cost';
import { BehaviourMonitor } from '../monitoring/behaviour-monitor';
import { hearDeposits, hearRefusedDeposit } from '../monitoring/deposit-hearing';

const MAX_RECIPIENT_QUERY = 16;

function presentDeposit(outcome: DepositOutcome): DepositResultObject {
  return {
    id: outcome.blockchainId,
    agreementId: outcome.agreementId,
    status: outcome.status as never,
    replayed: outcome.replayed,
  };
}

@Resolver(() => AgreementObject)
export class AgreementsResolver {
  constructor(
    @Inject(DepositAgreementUseCase) private readonly deposits: DepositAgreementUseCase,
    @Inject(RatificationUseCase) private readonly ratification: RatificationUseCase,
    @Inject(ReadAgreementUseCase) private readonly reader: ReadAgreementUseCase,
    @Inject(AgreementStore) private readonly store: AgreementStore,
    @Inject(TerminateAgreementUseCase) private readonly termination: TerminateAgreementUseCase,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
    @Inject(EvidenceBundleBuilder) private readonly evidence: EvidenceBundleBuilder,
    @Inject(BehaviourMonitor) private readonly monitor: BehaviourMonitor,
  ) {}

  @Mutation(() => DepositResultObject, { description: 'Deposit a sealed, signed agreement' })
  async depositAgreement(
    @CurrentCaller() caller: Caller,
    @Args('input', { type: () => DepositAgreementInput }) input: DepositAgreementInput,
  ): Promise<DepositResultObject> {
    let outcome: DepositOutcome;
    try {
      outcome = await this.deposits.execute(caller, input);
    } catch (error) {
      hearRefusedDeposit(this.monitor, caller.credentialId, error);
      throw error;
    }
    hearDeposits(this.monitor, caller.credentialId, [input], [{ outcome }]);
    return presentDeposit(outcome);
  }

  @Mutation(() => [DepositItemResultObject], {
    description: `Deposit up to ${DEPOSIT_LIMITS.maxBatchSize} agreements in one call, each answered on its own`,
    // One point per deposit, as a single depositAgreement: batching saves overhead, not budget.
    complexity: ({ args }) => perItem(args.inputs),
  })
  async depositAgreements(
    @CurrentCaller() caller: Caller,
    @Args('inputs', { type: () => [DepositAgreementInput] }) inputs: DepositAgreementInput[],
  ): Promise<DepositItemResultObject[]> {
    const results = await this.deposits.executeMany(caller, inputs);
    hearDeposits(this.monitor, caller.credentialId, inputs, results);
    return results.map((item, index) =>
      'error' in item
        ? { index, error: { code: item.error.code, message: item.error.message } }
        : { index, result: presentDeposit(item.outcome) },
    );
  }

  @Mutation(() => AgreementObject, {
    description: "A principal's signature on a deal beyond its agent's mandate",
  })
  async ratifyAgreement(
    @CurrentCaller() caller: Caller,
    @Args('id') id: string,
    @Args('signature', { description: "Ed25519 signature over the agreement id by the principal's key" })
    signature: string,
  ): Promise<AgreementObject> {
    await this.ratification.ratify(caller, id, signature);
    return this.present(await this.reader.execute(caller, id));
  }

  @Mutation(() => AgreementObject, { description: 'A principal refuses a deal beyond its agent’s mandate' })
  async rejectAgreement(
    @CurrentCaller() caller: Caller,
    @Args('id') id: string,
    @Args('reason') reason: string,
  ): Promise<AgreementObject> {
    await this.ratification.reject(caller, id, reason);
    return this.present(await this.reader.execute(caller, id));
  }

  @Mutation(() => AgreementObject, {
    description:
      'End an agreement: every party signs keccak256("signet:termination:v1" ‖ id) (docs/FORMATS.md)',
  })
  async terminateAgreement(
    @CurrentCaller() caller: Caller,
    @Args('id') id: string,
    @Args('signatures', { type: () => [PartySignatureInput] }) signatures: PartySignatureInput[],
  ): Promise<AgreementObject> {
    await this.termination.execute(caller, id, signatures);
    return this.present(await this.reader.execute(caller, id));
  }

  @Query(() => [RecipientObject], {
    description:
      'The keys a draft must be sealed to: the parties and the designated regulators of the jurisdictions',
  })
  async recipients(
    @Args('jurisdictions', { type: () => [String] }) jurisdictions: string[],
    @Args('parties', { type: () => [String] }) parties: string[],
  ): Promise<RecipientObject[]> {
    if (jurisdictions.length > MAX_RECIPIENT_QUERY || parties.length > MAX_RECIPIENT_QUERY) {
      throw new DomainError(ErrorCode.BadInput, `at most ${MAX_RECIPIENT_QUERY} jurisdictions and parties`);
    }
    const found = await this.store.findCredentials(parties);
    const missing = parties.filter(
      (id) => !found.some((credential) => credential.id === id && credential.role === 'agent'),
    );
    if (missing.length > 0) {
      throw new DomainError(ErrorCode.CredentialUnknown, `no agent credential ${missing.join(', ')}`, {
        missing,
      });
    }
    const regulators = await this.store.findDesignatedRegulators(jurisdictions);
    const partyRecipients = parties.map((id) => {
      const credential = found.find((c) => c.id === id)!;
      return {
        credentialId: id,
        kind: 'party',
        signingKey: credential.signingKey,
        boxKey: credential.boxKey,
        keyId: keyId(fromHex(credential.boxKey)),
      };
    });
    const regulatorRecipients = regulators.map((credential) => ({
      credentialId: credential.id,
      kind: 'regulator',
      boxKey: credential.boxKey,
      keyId: keyId(fromHex(credential.boxKey)),
      jurisdiction: jurisdictions.find((code) => credential.jurisdictions.includes(code)),
    }));
    return [...partyRecipients, ...regulatorRecipients];
  }

  @Query(() => AgreementObject, { description: 'One agreement, by blockchain id (or bare agreement id)' })
  async agreement(@CurrentCaller() caller: Caller, @Args('id') id: string): Promise<AgreementObject> {
    return this.present(await this.reader.execute(caller, id));
  }

  @ResolveField(() => [PartySignatureObject])
  async signatures(@Parent() agreement: AgreementObject): Promise<PartySignatureObject[]> {
    const rows = await this.store.findSignatures(agreement.agreementId);
    return rows.map((row) => ({
      credentialId: row.credentialId,
      publicKey: row.signingKey,
      signature: row.signature,
      kind: row.kind,
    }));
  }

  @ResolveField(() => [StatusChangeObject])
  async statusHistory(@Parent() agreement: AgreementObject): Promise<StatusChangeObject[]> {
    const rows = await this.store.findStatusHistory(agreement.agreementId);
    return rows.map((row) => ({
      status: row.status,
      actorId: row.actorId ?? undefined,
      reason: row.reason ?? undefined,
      at: row.at,
    }));
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'The receipt a party keeps (signet-receipt/2 JSON, docs/FORMATS.md §11), once the agreement is anchored',
  })
  async receipt(@Parent() agreement: AgreementObject): Promise<string | null> {
    const receipt = await this.evidenceOf(agreement, (record) => this.evidence.receipt(record, agreement.id));
    return receipt ? serialiseReceipt(receipt) : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      "The evidence bundle (signet-evidence/1 JSON, docs/FORMATS.md §11): the receipt with the status evidence, once anchored; with the batch root's RFC 3161 token (§15) and the audit checkpoint (§16) once they exist",
  })
  async evidenceBundle(@Parent() agreement: AgreementObject): Promise<string | null> {
    const bundle = await this.evidenceOf(agreement, (record) => this.evidence.bundle(record, agreement.id));
    return bundle ? serialiseBundle(bundle) : null;
  }

  /** The receipt or bundle of an agreement the caller already read (the parent resolved it, scoped). */
  private async evidenceOf<T>(
    agreement: AgreementObject,
    build: (record: AgreementRecord) => Promise<T | null>,
  ): Promise<T | null> {
    const record = await this.store.findAgreement(agreement.agreementId);
    return record ? build(record) : null;
  }

  private present(record: AgreementRecord): AgreementObject {
    return presentAgreement(record, this.chain);
  }
}
