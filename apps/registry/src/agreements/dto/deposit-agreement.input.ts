import { Field, InputType } from '@nestjs/graphql';

@InputType('WrapInput')
export class WrapInput {
  @Field({ description: 'keccak256("signet:box-key:v1" ‖ recipient X25519 key), 0x hex' }) keyId!: string;
  @Field({ description: 'base64 of the sealed box holding the data key' }) box!: string;
}

@InputType('PartySignatureInput')
export class PartySignatureInput {
  @Field() credentialId!: string;
  @Field({
    description:
      'Ed25519 signature, 0x hex: in a deposit over the 32-byte agreement id; in terminateAgreement over keccak256("signet:termination:v1" ‖ agreement id)',
  })
  signature!: string;
}

@InputType('DepositAgreementInput')
export class DepositAgreementInput {
  @Field({ description: 'The public metadata as JSON text (see docs/FORMATS.md)' }) metadata!: string;
  @Field() agreementId!: string;
  @Field() commitment!: string;
  @Field() nonce!: string;
  @Field({ description: 'base64 of the sealed blob' }) sealedBlob!: string;
  @Field(() => [WrapInput]) wraps!: WrapInput[];
  @Field(() => [PartySignatureInput]) signatures!: PartySignatureInput[];
  @Field({ description: 'A retry with the same key gets the same answer and writes nothing new' })
  idempotencyKey!: string;
}
