import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  credentialState,
  normaliseAmount,
  type CredentialDetails,
  type CredentialState,
} from '@signet/domain';

export enum CredentialRoleEnum {
  OPERATOR = 'operator',
  AGENT = 'agent',
  PRINCIPAL = 'principal',
  REGULATOR = 'regulator',
  COURT = 'court',
}
registerEnumType(CredentialRoleEnum, { name: 'CredentialRole' });

export enum CredentialStateEnum {
  LIVE = 'live',
  REVOKED = 'revoked',
  EXPIRED = 'expired',
}
registerEnumType(CredentialStateEnum, { name: 'CredentialState' });

@ObjectType('Mandate', {
  description: 'What an agent may bind without its principal. Null fields do not limit.',
})
export class MandateObject {
  @Field(() => String, { nullable: true, description: 'Decimal string.' }) maxValue!: string | null;
  @Field(() => String, { nullable: true }) currency!: string | null;
  @Field(() => [String], { nullable: true }) types!: string[] | null;
  @Field(() => [String], { nullable: true }) jurisdictions!: string[] | null;
}

@ObjectType('Credential', { description: 'A subject bound to its keys, role and (for an agent) mandate.' })
export class CredentialObject {
  @Field({ description: 'keccak256("signet:credential:v1" ‖ document), 0x hex.' }) id!: string;
  @Field(() => CredentialRoleEnum) role!: CredentialRoleEnum;
  @Field(() => CredentialStateEnum) state!: CredentialStateEnum;
  @Field(() => String, { nullable: true }) organizationId!: string | null;
  @Field(() => String, { nullable: true }) label!: string | null;
  @Field({ description: 'Ed25519 public key, 0x hex.' }) signingKey!: string;
  @Field({ description: 'X25519 public key, 0x hex.' }) boxKey!: string;
  @Field(() => [String]) jurisdictions!: string[];
  @Field(() => String, { nullable: true }) principalId!: string | null;
  @Field(() => MandateObject, { nullable: true }) mandate!: MandateObject | null;
  @Field({ description: 'The signed document, canonical JSON (FORMATS.md, Credentials).' }) document!: string;
  @Field({ description: "The issuer's Ed25519 signature over the id, 0x hex." }) issuerSignature!: string;
  @Field() issuedAt!: Date;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => String, { nullable: true }) revocationReason!: string | null;
  @Field(() => String, { nullable: true }) issueTxHash!: string | null;
  @Field(() => Int, { nullable: true }) issueBlock!: number | null;
  @Field(() => String, { nullable: true }) revokeTxHash!: string | null;
  @Field(() => Int, { nullable: true }) revokeBlock!: number | null;
}

const STATES: Record<CredentialState, CredentialStateEnum> = {
  live: CredentialStateEnum.LIVE,
  revoked: CredentialStateEnum.REVOKED,
  expired: CredentialStateEnum.EXPIRED,
};

export function toCredentialObject(row: CredentialDetails, now = new Date()): CredentialObject {
  const role = Object.values(CredentialRoleEnum).find((value) => value === (row.role as CredentialRoleEnum));
  if (role === undefined) throw new Error(`credential ${row.id} has an unknown role "${row.role}"`);
  return {
    id: row.id,
    role,
    state: STATES[credentialState(row, now)],
    organizationId: row.organizationId,
    label: row.label,
    signingKey: row.signingKey,
    boxKey: row.boxKey,
    jurisdictions: row.jurisdictions,
    principalId: row.principalId,
    mandate:
      row.role === 'agent'
        ? {
            maxValue: row.mandateMaxValue === null ? null : normaliseAmount(row.mandateMaxValue),
            currency: row.mandateCurrency,
            types: row.mandateTypes,
            jurisdictions: row.jurisdictions,
          }
        : null,
    document: row.document,
    issuerSignature: row.issuerSignature,
    issuedAt: row.issuedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    revocationReason: row.revocationReason,
    issueTxHash: row.issueTxHash,
    issueBlock: row.issueBlock,
    revokeTxHash: row.revokeTxHash,
    revokeBlock: row.revokeBlock,
  };
}
