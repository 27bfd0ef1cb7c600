import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Status', { description: 'What this Signet is and which chain it anchors to.' })
export class StatusObject {
  @Field() version!: string;
  @Field(() => Int) chainId!: number;
  @Field() registryAddress!: string;
  @Field({ description: 'A chain endpoint a court may use to verify without Signet.' }) rpcUrl!: string;
  @Field(() => Int) blockNumber!: number;
}
