import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AuditEvent', { description: 'One access or change, with its place in the hash chain' })
export class AuditEventObject {
  @Field(() => Int, {
    nullable: true,
    description: 'Place in the chain; null while it waits for the sequencer',
  })
  seq?: number;
  @Field({ description: 'ISO 8601 with milliseconds, exactly as hashed' }) at!: string;
  @Field({ description: 'e.g. agreement.deposited, sealed.opened, sealed.wrap_added' }) action!: string;
  @Field({ nullable: true, description: 'Credential id of who did it' }) actorId?: string;
  @Field({ nullable: true }) actorRole?: string;
  @Field({ nullable: true }) agreementId?: string;
  @Field({ nullable: true }) subjectId?: string;
  @Field({ nullable: true, description: 'The purpose stated for a read of sealed text' }) purpose?: string;
  @Field({ description: 'Further detail, as canonical JSON' }) detail!: string;
  @Field({ nullable: true }) prevHash?: string;
  @Field({ nullable: true }) hash?: string;
}

@ObjectType('AuditLink', {
  description:
    'One link of the whole chain: enough to recompute it (docs/AUDIT.md); the fields only for the agreement asked about',
})
export class AuditLinkObject {
  @Field(() => Int) seq!: number;
  @Field() prevHash!: string;
  @Field() hash!: string;
  @Field({ description: 'H("signet:audit-agreement:v1" ‖ agreementId), zero when none' })
  agreementTag!: string;
  @Field({ description: 'H("signet:audit-fields:v1" ‖ canonical JSON of the fields)' }) fieldsHash!: string;
  @Field(() => AuditEventObject, { nullable: true }) event?: AuditEventObject;
}

@ObjectType('AuditCheckpoint', { description: 'A head of the chain recorded on chain' })
export class AuditCheckpointObject {
  @Field(() => Int) sequence!: number;
  @Field() head!: string;
  @Field({ nullable: true }) txHash?: string;
  @Field(() => Int, { nullable: true }) blockNumber?: number;
}

@ObjectType('AuditHead')
export class AuditHeadObject {
  @Field(() => Int) seq!: number;
  @Field() hash!: string;
}

@ObjectType('AuditCheck')
export class AuditCheckObject {
  @Field() name!: string;
  @Field() ok!: boolean;
  @Field() detail!: string;
}

@ObjectType('AuditVerdict')
export class AuditVerdictObject {
  @Field() valid!: boolean;
  @Field(() => [AuditCheckObject]) checks!: AuditCheckObject[];
  @Field(() => Int) checkpointedThrough!: number;
  @Field(() => [String]) warnings!: string[];
}

@ObjectType('AuditTrail')
export class AuditTrailObject {
  @Field({ description: 'The blockchain id' }) id!: string;
  @Field() agreementId!: string;
  @Field() agreementTag!: string;
  @Field(() => [AuditEventObject], { description: "The agreement's events, in chain order" })
  events!: AuditEventObject[];
  @Field(() => [AuditEventObject], { description: 'Committed, not yet given a place in the chain' })
  pending!: AuditEventObject[];
  @Field(() => AuditHeadObject, { nullable: true, description: 'The head of the whole chain' })
  head?: AuditHeadObject;
  @Field(() => AuditCheckpointObject, { nullable: true, description: 'The latest checkpoint mined on chain' })
  checkpoint?: AuditCheckpointObject;
}

@ObjectType('AuditChainPage')
export class AuditChainPageObject {
  @Field(() => [AuditLinkObject]) links!: AuditLinkObject[];
  @Field(() => AuditHeadObject, { nullable: true }) head?: AuditHeadObject;
}
