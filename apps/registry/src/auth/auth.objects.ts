import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('AuthChallenge', {
  description: 'Sign `message` with the credential key, then call authToken. Single use.',
})
export class AuthChallengeObject {
  @Field() credentialId!: string;
  @Field() nonce!: string;
  @Field({ description: 'keccak256("signet:auth:v1" ‖ nonce), 0x hex: the 32 bytes to sign with Ed25519.' })
  message!: string;
  @Field() expiresAt!: Date;
}

@ObjectType('AuthToken', { description: 'A short-lived bearer token: `Authorization: Bearer <token>`.' })
export class AuthTokenObject {
  @Field() credentialId!: string;
  @Field() token!: string;
  @Field() expiresAt!: Date;
}
