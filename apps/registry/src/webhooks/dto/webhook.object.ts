import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Webhook')
export class WebhookObject {
  @Field(() => ID) id!: string;
  @Field() url!: string;
  @Field(() => [String]) events!: string[];
  @Field({ description: 'False once Signet disabled the endpoint (410 Gone, or 24 h of failures)' })
  enabled!: boolean;
  @Field(() => String, { nullable: true, description: 'Why the endpoint was disabled' })
  disabledReason!: string | null;
  @Field(() => Date, { nullable: true }) disabledAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Deliveries have failed since then' })
  failingSince!: Date | null;
  @Field() createdAt!: Date;
}

@ObjectType('WebhookWithSecret')
export class WebhookWithSecretObject extends WebhookObject {
  @Field({ description: 'The whsec_ signing secret; shown only here, keep it' }) secret!: string;
}

@ObjectType('WebhookDelivery')
export class WebhookDeliveryObject {
  @Field(() => ID, { description: 'The webhook-id header, the same on every retry' }) id!: string;
  @Field() type!: string;
  @Field({ description: 'PENDING, DELIVERED or FAILED' }) status!: string;
  @Field(() => Int) attempts!: number;
  @Field() nextAttemptAt!: Date;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt' })
  lastStatus!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
}
