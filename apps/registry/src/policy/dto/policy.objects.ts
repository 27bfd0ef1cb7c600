import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PolicyReason', { description: 'One reason of a policy decision' })
export class PolicyReasonObject {
  @Field({
    description:
      'MANDATE, THRESHOLD, RESTRICTED_TYPE, NOVEL_TERMS, CROSS_BORDER, NDA_SCOPE_EXCEEDED, POLICY_REFUSED, …',
  })
  code!: string;
  @Field({ description: 'escalate or refuse' }) outcome!: string;
  @Field({ nullable: true, description: 'The pack that gave it; none for the mandate and the NDA scope' })
  jurisdiction?: string;
  @Field({ description: 'data.<part> of pack.json, a Cedar rule id, mandate or nda' }) rule!: string;
  @Field() message!: string;
}

@ObjectType('PolicyPackRef')
export class PolicyPackRefObject {
  @Field() jurisdiction!: string;
  @Field() hash!: string;
}

@ObjectType('PolicyDecision', { description: 'What the active policy packs decided at deposit' })
export class PolicyDecisionObject {
  @Field({ description: 'allow, escalate or refuse' }) outcome!: string;
  @Field(() => [PolicyReasonObject]) reasons!: PolicyReasonObject[];
  @Field(() => [String], { description: 'Every rule that fired, as JURISDICTION:rule' }) rules!: string[];
  @Field(() => [PolicyPackRefObject], { description: 'The packs that decided' })
  packs!: PolicyPackRefObject[];
  @Field({
    description:
      'public: the parties, type, jurisdictions, dates and parent are posted on chain with the record (AgreementDisclosed); hashed: only their hash (docs/FORMATS.md)',
  })
  disclosure!: string;
}

@ObjectType('PolicyPackFile')
export class PolicyPackFileObject {
  @Field() name!: string;
  @Field() text!: string;
}

@ObjectType('PolicyPack', { description: 'A published pack: never edited, only superseded' })
export class PolicyPackObject {
  @Field({ description: 'Content address over every file (docs/FORMATS.md)' }) hash!: string;
  @Field() jurisdiction!: string;
  @Field() version!: string;
  @Field() publishedAt!: Date;
  @Field({ description: 'True while it is the pack in force for its jurisdiction' }) active!: boolean;
  @Field({ nullable: true, description: 'When it was last made the pack in force' }) activatedAt?: Date;
  @Field({ description: 'pack.json: thresholds, restricted types, templates, retention, disclosure, …' })
  data!: string;
  @Field(() => [PolicyPackFileObject]) files!: PolicyPackFileObject[];
}

@ObjectType('PolicyPublication')
export class PolicyPublicationObject {
  @Field(() => PolicyPackObject) pack!: PolicyPackObject;
  @Field(() => Int, { description: 'How many of its test cases ran and passed' }) cases!: number;
}

@ObjectType('PolicyActivation')
export class PolicyActivationObject {
  @Field() jurisdiction!: string;
  @Field() packHash!: string;
  @Field() activatedAt!: Date;
}
