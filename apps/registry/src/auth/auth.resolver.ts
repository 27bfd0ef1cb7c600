import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CredentialRepository, DomainError, ErrorCode, type Caller } from '@signet/domain';
import { BehaviourMonitor } from '../monitoring/behaviour-monitor';
import { CredentialObject, toCredentialObject } from '../credentials/dto/credential.object';
import { AuthChallengeUseCase } from './auth-challenge.usecase';
import { AuthChallengeObject, AuthTokenObject } from './auth.objects';
import { CurrentCaller } from './current-caller.decorator';

const FAILED_LOGINS = new Set<string>([ErrorCode.InvalidSignature, ErrorCode.ChallengeInvalid]);

@Resolver()
export class AuthResolver {
  constructor(
    @Inject(AuthChallengeUseCase) private readonly auth: AuthChallengeUseCase,
    @Inject(CredentialRepository) private readonly credentials: CredentialRepository,
    @Inject(BehaviourMonitor) private readonly monitor: BehaviourMonitor,
  ) {}

  @Mutation(() => AuthChallengeObject, {
    description: 'Step 1 of logging in: a single-use nonce for a credential.',
  })
  authChallenge(
    @Args('credentialId', { type: () => String, nullable: true }) credentialId?: string | null,
    @Args('signingKey', { type: () => String, nullable: true, description: 'Instead of credentialId.' })
    signingKey?: string | null,
  ): Promise<AuthChallengeObject> {
    return this.auth.challenge({ credentialId, signingKey });
  }

  @Mutation(() => AuthTokenObject, { description: 'Step 2: the signed challenge for an access token.' })
  async authToken(
    @Args('credentialId') credentialId: string,
    @Args('nonce') nonce: string,
    @Args('signature', { description: 'Ed25519 signature of the challenge message, 0x hex.' })
    signature: string,
  ): Promise<AuthTokenObject> {
    try {
      return await this.auth.token(credentialId, nonce, signature);
    } catch (error) {
      // A failed login counts against the credential it claimed (behaviour monitoring).
      if (error instanceof DomainError && FAILED_LOGINS.has(error.code)) {
        this.monitor.record(credentialId, { kind: 'login.failed', at: Date.now() });
      }
      throw error;
    }
  }

  @Query(() => CredentialObject, { description: 'The credential this request is authenticated as.' })
  async me(@CurrentCaller() caller: Caller): Promise<CredentialObject> {
    const credential = await this.credentials.findById(caller.credentialId);
    // The guard has just read it; it can only vanish if someone deletes rows by hand.
    if (!credential) throw new Error('authenticated credential disappeared');
    return toCredentialObject(credential);
  }
}
