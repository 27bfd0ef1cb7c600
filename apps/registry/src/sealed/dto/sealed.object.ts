import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('SealedWrap', { description: 'The data key sealed to one box key (docs/FORMATS.md §7)' })
export class SealedWrapObject {
  @Field() keyId!: string;
  @Field({ description: 'base64 crypto_box_seal of the data key' }) box!: string;
}

@ObjectType('SealedText', {
  description: 'The sealed blob and the key wrapped for the caller: decrypt it on your own machine',
})
export class SealedTextObject {
  @Field({ description: 'The blockchain id' }) id!: string;
  @Field() agreementId!: string;
  @Field({ description: 'base64 blob: "SGNT" ‖ 0x01 ‖ nonce ‖ secretbox(salt ‖ text)' }) sealedBlob!: string;
  @Field(() => SealedWrapObject) wrap!: SealedWrapObject;
  @Field({ description: 'H("signet:commitment:v1" ‖ salt ‖ text), as deposited' }) commitment!: string;
  @Field({ description: 'H(blob), as deposited' }) sealedDigest!: string;
  @Field({ description: 'The purpose logged with this read' }) purpose!: string;
}
