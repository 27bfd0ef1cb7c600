import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AgreementStatus } from '@signet/domain';
import { PolicyDecisionObject } from '../../policy/dto/policy.objects';

/**
 * GraphQL spells enum values by their keys; clients see the stable upper-case states of
 * the README (PENDING_ANCHOR, FINAL, …), so the GraphQL enum is keyed by the values.
 */
export const AgreementStatusValues = Object.fromEntries(
  Object.values(AgreementStatus).map((value) => [value, value]),
);
registerEnumType(AgreementStatusValues, { name: 'AgreementStatus' });

@ObjectType('DepositResult')
export class DepositResultObject {
  @Field({ description: 'The blockchain id: eip155:<chainId>:<registry>:<agreementId>' }) id!: string;
  @Field() agreementId!: string;
  @Field(() => AgreementStatusValues) status!: AgreementStatus;
  @Field({ description: 'True when this repeats an earlier deposit with the same idempotency key' })
  replayed!: boolean;
}

@ObjectType('DepositRefusal', {
  description: 'Why one deposit of a batch was refused; nothing of it was stored',
})
export class DepositRefusalObject {
  @Field({ description: 'The stable code a single depositAgreement would have answered with' }) code!: string;
  @Field() message!: string;
}

@ObjectType('DepositItemResult', { description: 'The answer for one deposit of a batch, at its index' })
export class DepositItemResultObject {
  @Field(() => Int) index!: number;
  @Field(() => DepositResultObject, { nullable: true }) result?: DepositResultObject;
  @Field(() => DepositRefusalObject, { nullable: true }) error?: DepositRefusalObject;
}

@ObjectType('Recipient')
export class RecipientObject {
  @Field() credentialId!: string;
  @Field({ description: '"party" or "regulator"' }) kind!: string;
  @Field({ nullable: true, description: 'Ed25519 key a party signs with' }) signingKey?: string;
  @Field({ description: 'X25519 key the data key is sealed to' }) boxKey!: string;
  @Field() keyId!: string;
  @Field({ nullable: true }) jurisdiction?: string;
}

@ObjectType('Anchor')
export class AnchorObject {
  @Field() txHash!: string;
  @Field(() => Int) blockNumber!: number;
  @Field() blockHash!: string;
  @Field(() => Int) logIndex!: number;
  @Field() batchRoot!: string;
  @Field(() => [String]) proof!: string[];
  @Field({ nullable: true }) anchoredAt?: Date;
  @Field({ nullable: true }) finalizedAt?: Date;
}

@ObjectType('PartySignature')
export class PartySignatureObject {
  @Field() credentialId!: string;
  @Field() publicKey!: string;
  @Field() signature!: string;
  @Field({ description: 'party, ratification or termination' }) kind!: string;
}

@ObjectType('StatusChange')
export class StatusChangeObject {
  @Field(() => AgreementStatusValues) status!: AgreementStatus;
  @Field({ nullable: true }) actorId?: string;
  @Field({ nullable: true }) reason?: string;
  @Field() at!: Date;
}

@ObjectType('Agreement')
export class AgreementObject {
  @Field({ description: 'The blockchain id' }) id!: string;
  @Field() agreementId!: string;
  @Field(() => AgreementStatusValues) status!: AgreementStatus;
  @Field() type!: string;
  @Field(() => [String]) jurisdictions!: string[];
  @Field(() => [String], { description: 'Credential ids of the parties, in signing order' })
  parties!: string[];
  @Field(() => [String]) organizationIds!: string[];
  @Field({ nullable: true }) parentId?: string;
  @Field() effectiveAt!: Date;
  @Field() expiresAt!: Date;
  @Field({ nullable: true }) value?: string;
  @Field({ nullable: true }) currency?: string;
  @Field({ description: 'Canonical metadata JSON, exactly as hashed' }) metadata!: string;
  @Field() metadataHash!: string;
  @Field() commitment!: string;
  @Field() sealedDigest!: string;
  @Field(() => Int) sealedSize!: number;
  @Field() nonce!: string;
  @Field() recordHash!: string;
  @Field() createdAt!: Date;
  @Field(() => AnchorObject, { nullable: true }) anchor?: AnchorObject;
  @Field(() => PolicyDecisionObject, {
    nullable: true,
    description: 'What the policy packs decided at deposit, with the pack hashes; none before packs existed',
  })
  policyDecision?: PolicyDecisionObject;
}
