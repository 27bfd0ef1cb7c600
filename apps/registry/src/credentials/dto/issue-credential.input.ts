import { Field, InputType } from '@nestjs/graphql';
import { CredentialRoleEnum } from './credential.object';

@InputType('IssueCredentialInput')
export class IssueCredentialInput {
  @Field(() => CredentialRoleEnum) role!: CredentialRoleEnum;
  @Field({ description: 'Organisation id or name.' }) organization!: string;
  @Field({ description: 'Ed25519 public key, 0x hex.' }) signingKey!: string;
  @Field({ description: 'X25519 public key, 0x hex.' }) boxKey!: string;
  @Field(() => [String], {
    nullable: true,
    description:
      "Where the holder acts (agent: its mandate's jurisdictions) or, for a regulator, what it supervises. Default: the organisation's.",
  })
  jurisdictions?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Agent only: the credential id of its principal.' })
  principal?: string | null;
  @Field(() => String, { nullable: true, description: 'Agent only: decimal string, with currency.' })
  maxValue?: string | null;
  @Field(() => String, { nullable: true }) currency?: string | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Agent only: agreement types it may sign; unset = any.',
  })
  types?: string[] | null;
  @Field(() => Date, { nullable: true }) expiresAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'A human label, kept off the signed document.' })
  label?: string | null;
}
