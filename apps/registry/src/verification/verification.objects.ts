import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('VerificationCheck')
export class VerificationCheckObject {
  @Field({
    description: 'What was compared, e.g. on-chain-record, merkle-proof, index-effective-at, blob-digest',
  })
  name!: string;
  @Field() ok!: boolean;
  @Field({ description: 'What was found, or why it does not match' }) detail!: string;
}

@ObjectType('Verification', {
  description: 'The chain, the index and the stored blob compared field by field (docs/VERIFY.md)',
})
export class VerificationObject {
  @Field({ description: 'True only when every check passes' }) valid!: boolean;
  @Field(() => [VerificationCheckObject]) checks!: VerificationCheckObject[];
  @Field(() => [String], { description: 'Worth knowing, not making the agreement invalid' })
  warnings!: string[];
}
