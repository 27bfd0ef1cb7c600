import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Organization')
export class OrganizationObject {
  @Field() id!: string;
  @Field() name!: string;
  @Field({ description: 'Home jurisdiction, e.g. DE.' }) jurisdiction!: string;
  @Field() createdAt!: Date;
}

@ObjectType('RegulatorDesignation', {
  description: 'The agreements of this jurisdiction must be sealed to this regulator.',
})
export class RegulatorDesignationObject {
  @Field() jurisdiction!: string;
  @Field() credentialId!: string;
  @Field() designatedAt!: Date;
}
