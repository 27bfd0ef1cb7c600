import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('LegalHold')
export class LegalHoldObject {
  @Field() id!: string;
  @Field() placedBy!: string;
  @Field({ description: 'regulator or court' }) placedByRole!: string;
  @Field() reason!: string;
  @Field() placedAt!: Date;
  @Field({ nullable: true }) liftedBy?: string;
  @Field({ nullable: true }) liftReason?: string;
  @Field({ nullable: true }) liftedAt?: Date;
}

@ObjectType('Retention', { description: 'The retention schedule of an agreement (docs/RETENTION.md)' })
export class RetentionObject {
  @Field({ description: 'When the sealed text is destroyed, unless a legal hold stands' }) destroyAt!: Date;
  @Field({
    description:
      'What set destroyAt: a pack rule (EU:retention.NDA.minDays, …), expiry / termination / rejection (+nda.destroyAfterDays), or destruction-request',
  })
  rule!: string;
  @Field({ description: 'Before this, destruction is refused with RETENTION_MINIMUM' }) minimumUntil!: Date;
  @Field({ nullable: true, description: 'The latest a pack allows keeping it' }) maximumUntil?: Date;
  @Field({ description: 'The end the schedule counts from' }) endsAt!: Date;
  @Field({ description: 'expiry, termination or rejection' }) endKind!: string;
  @Field({ description: 'SCHEDULED, SHREDDING or SHREDDED' }) state!: string;
  @Field({ description: 'True while any legal hold stands: then it is never shredded' }) held!: boolean;
  @Field(() => [LegalHoldObject], { description: 'Every hold, active and lifted' }) holds!: LegalHoldObject[];
  @Field({ nullable: true }) shreddedAt?: Date;
  @Field({ nullable: true, description: "The SHREDDED status event's detail (docs/FORMATS.md)" })
  shredDetail?: string;
  @Field({ nullable: true, description: 'Its preimage, signet-shredded/1 JSON: what was destroyed' })
  shredEvidence?: string;
}

@ObjectType('RetentionKept')
export class RetentionKeptObject {
  @Field() agreementId!: string;
  @Field({ description: 'hold or minimum' }) keptBy!: string;
  @Field() destroyAt!: Date;
  @Field() rule!: string;
}

@ObjectType('RetentionRun', { description: 'What one run of the retention job did' })
export class RetentionRunObject {
  @Field() at!: Date;
  @Field(() => Int) scheduled!: number;
  @Field(() => Int, { description: 'Blobs moved to their destruction month’s key or their hold key' })
  rewrapped!: number;
  @Field(() => Int) shreddedCount!: number;
  @Field(() => [String], { description: 'Agreement ids shredded (the first 1,000)' }) shredded!: string[];
  @Field(() => [String], { description: 'Retention keys destroyed' }) keysDestroyed!: string[];
  @Field(() => [RetentionKeptObject], { description: 'Due but kept: by a hold, or by a minimum' })
  kept!: RetentionKeptObject[];
  @Field(() => Int) failures!: number;
  @Field({ nullable: true }) keysSkipped?: string;
}
