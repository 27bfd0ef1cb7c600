import { Field, Float, ID, InputType, ObjectType } from '@nestjs/graphql';
import { PageInfoObject } from '../../agreements/dto/agreement-connection.object';

@ObjectType('Finding', {
  description:
    'A deviation from a credential’s own behaviour baseline, or an event of the service itself that an operator must act on (chain.reorg) (docs/MONITORING.md)',
})
export class FindingObject {
  @Field(() => ID) id!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Null for a finding about the service itself (chain.reorg), which only the operator sees',
  })
  credentialId!: string | null;
  @Field(() => String, { nullable: true }) organizationId!: string | null;
  @Field(() => [String], {
    description: 'Whose regulators see it: the credential’s home and own jurisdictions',
  })
  jurisdictions!: string[];
  @Field({
    description:
      'deposit.rate, refusal.rate, ratification.rate, login.failures, sealed.open.rate, deal.value, deal.counterparty, deal.counterpartyJurisdiction, deal.type, deal.jurisdiction; chain.reorg for a reorg deeper than CONFIRMATIONS',
  })
  feature!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'TYPE/CURRENCY of a value, or the new counter-party, type or jurisdiction; for chain.reorg the lost transaction’s hash',
  })
  key!: string | null;
  @Field({ description: 'low, medium or high' }) severity!: string;
  @Field({ description: 'What the rules did: alert, escalate or suspend' }) action!: string;
  @Field(() => Float, {
    description:
      'The window’s count, the robust z-score, or 1 for something new; for chain.reorg the agreements anchored again',
  })
  observed!: number;
  @Field({ description: 'The baseline it was compared with, as JSON (enough to recompute the verdict)' })
  baseline!: string;
  @Field({ description: 'The thresholds of the rule, as JSON' }) threshold!: string;
  @Field({ description: 'The verdict recomputed from baseline and threshold alone' }) recomputed!: boolean;
  @Field() message!: string;
  @Field() raisedAt!: Date;
}

@ObjectType('FindingEdge')
export class FindingEdgeObject {
  @Field() cursor!: string;
  @Field(() => FindingObject) node!: FindingObject;
}

/** A Relay connection, newest first. */
@ObjectType('FindingConnection')
export class FindingConnectionObject {
  @Field(() => [FindingEdgeObject]) edges!: FindingEdgeObject[];
  @Field(() => PageInfoObject) pageInfo!: PageInfoObject;
}

/** Every member narrows the list; all are optional. Dates are half-open ranges [from, to). */
@InputType('FindingFilter')
export class FindingFilterInput {
  @Field({ nullable: true }) credentialId?: string;
  @Field({ nullable: true }) feature?: string;
  @Field({ nullable: true, description: 'low, medium or high' }) severity?: string;
  @Field({ nullable: true, description: 'alert, escalate or suspend' }) action?: string;
  @Field({ nullable: true, description: 'Raised at or after' }) raisedFrom?: Date;
  @Field({ nullable: true, description: 'Raised before' }) raisedTo?: Date;
}

@ObjectType('Reinstatement')
export class ReinstatementObject {
  @Field() credentialId!: string;
  @Field({ description: 'The credential was suspended, and no longer is' }) wasSuspended!: boolean;
}
