import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('EscalationReason', {
  description: 'Why a deal needs a principal, with the detail a user acts on',
})
export class EscalationReasonObject {
  @Field({ description: 'A stable upper-case code, e.g. MANDATE' }) code!: string;
  @Field() detail!: string;
  @Field({ nullable: true, description: 'The party the reason concerns' }) credentialId?: string;
}

@ObjectType('RatificationPrincipal')
export class RatificationPrincipalObject {
  @Field({ nullable: true, description: 'Null when the agent has no principal: the deal cannot be ratified' })
  credentialId?: string;
  @Field(() => [String], { description: 'The agents it answers for in this deal' }) agents!: string[];
  @Field() ratified!: boolean;
}

@ObjectType('Ratification', {
  description: 'Why a deal beyond its agents’ mandates waits, and whose ratification it waits for',
})
export class RatificationObject {
  @Field(() => [EscalationReasonObject]) reasons!: EscalationReasonObject[];
  @Field(() => [RatificationPrincipalObject]) principals!: RatificationPrincipalObject[];
  @Field(() => [String], { description: 'Principals who have not ratified yet' }) outstanding!: string[];
}
