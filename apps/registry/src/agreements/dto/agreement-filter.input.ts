import { Field, InputType } from '@nestjs/graphql';
import { AgreementStatus } from '@signet/domain';
import { AgreementStatusValues } from './agreement.object';

/** Every member narrows the list; all are optional. Dates are half-open ranges [from, to). */
@InputType('AgreementFilter')
export class AgreementFilterInput {
  @Field({ nullable: true, description: 'ISO 3166 code the agreement falls under, e.g. DE or US-NY' })
  jurisdiction?: string;
  @Field({ nullable: true, description: 'An organisation that is party to the agreement' })
  organizationId?: string;
  @Field({ nullable: true }) type?: string;
  @Field(() => AgreementStatusValues, { nullable: true }) status?: AgreementStatus;
  @Field({ nullable: true, description: 'Deposited at or after' }) createdFrom?: Date;
  @Field({ nullable: true, description: 'Deposited before' }) createdTo?: Date;
  @Field({ nullable: true, description: 'In effect from at or after' }) effectiveFrom?: Date;
  @Field({ nullable: true, description: 'In effect from before' }) effectiveTo?: Date;
  @Field({ nullable: true, description: 'Agreements under this parent (e.g. the NDA)' }) parentId?: string;
}
