import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  assertCredentialLive,
  authChallengeMessage,
  ChallengeRepository,
  CredentialRepository,
  DomainError,
  ErrorCode,
  type CredentialDetails,
} from '@signet/domain';
import { ed25519Verify, fromHex, isHex, toHex } from '@signet/formats';
import { AUTH_SETTINGS, type AuthSettings } from './auth-settings';
import { TokenService, type IssuedToken } from './token.service';

export interface IssuedChallenge {
  credentialId: string;
  nonce: string;
  /** keccak256("signet:auth:v1" ‖ nonce): the 32 bytes to sign. */
  message: string;
  expiresAt: Date;
}

/** Login by proof of key: a single-use, short-lived nonce, signed with the credential's key. */
@Injectable()
export class AuthChallengeUseCase {
  constructor(
    @Inject(ChallengeRepository) private readonly challenges: ChallengeRepository,
    @Inject(CredentialRepository) private readonly credentials: CredentialRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  /** By credential id, or by signing key: a key file alone is enough to log in. */
  async challenge(
    ref: { credentialId?: string | null; signingKey?: string | null },
    now = new Date(),
  ): Promise<IssuedChallenge> {
    const credential = await this.find(ref);
    assertCredentialLive(credential, now);
    const nonce = toHex(new Uint8Array(randomBytes(32)));
    const expiresAt = new Date(now.getTime() + this.settings.challengeTtlSeconds * 1000);
    await this.challenges.insert({ nonce, credentialId: credential.id, expiresAt });
    return { credentialId: credential.id, nonce, message: toHex(authChallengeMessage(nonce)), expiresAt };
  }

  /**
   * Consumes the challenge first, in one conditional UPDATE, so a replay (or a race of two
   * uses) finds nothing to consume, whatever the signature; then checks the signature and
   * that the credential is still live.
   */
  async token(
    credentialId: string,
    nonce: string,
    signature: string,
    now = new Date(),
  ): Promise<IssuedToken & { credentialId: string }> {
    if (!isHex(nonce, 32)) throw new DomainError(ErrorCode.BadInput, 'nonce: must be 0x + 64 hex');
    if (!isHex(signature, 64)) throw new DomainError(ErrorCode.BadInput, 'signature: must be 0x + 128 hex');
    if (!(await this.challenges.consume(nonce, credentialId, now))) {
      throw new DomainError(
        ErrorCode.ChallengeInvalid,
        'challenge is unknown, expired or already used: ask for a new one',
      );
    }
    const credential = await this.credentials.findById(credentialId);
    if (!credential) throw new DomainError(ErrorCode.CredentialUnknown, `no credential ${credentialId}`);
    if (
      !ed25519Verify(authChallengeMessage(nonce), fromHex(signature, 64), fromHex(credential.signingKey, 32))
    ) {
      throw new DomainError(
        ErrorCode.InvalidSignature,
        'signature does not verify with the credential signing key',
      );
    }
    assertCredentialLive(credential, now);
    return { credentialId, ...(await this.tokens.issue(credentialId, now)) };
  }

  private async find(ref: {
    credentialId?: string | null;
    signingKey?: string | null;
  }): Promise<CredentialDetails> {
    if (!ref.credentialId === !ref.signingKey) {
      throw new DomainError(ErrorCode.BadInput, 'give exactly one of credentialId and signingKey');
    }
    const credential = ref.credentialId
      ? await this.credentials.findById(ref.credentialId)
      : await this.credentials.findBySigningKey(ref.signingKey ?? '');
    if (!credential)
      throw new DomainError(
        ErrorCode.CredentialUnknown,
        'no credential with that id or signing key: it was never issued (or not on this Signet); ask the operator of this Signet to issue one for your public key (signet admin issue --pub FILE.pub)',
      );
    return credential;
  }
}
