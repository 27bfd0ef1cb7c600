import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import type { AuthConfig } from '@signet/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { CredentialsModule } from '../credentials/credentials.module';
import { AccessGuard } from './access.guard';
import { AuthChallengeUseCase } from './auth-challenge.usecase';
import { AUTH_SETTINGS, loadAuthSettings, type AuthSettings } from './auth-settings';
import { AuthResolver } from './auth.resolver';
import { BearerStrategy } from './bearer.strategy';
import { DomainErrorFilter } from './domain-error.filter';
import { RateLimitGuard } from './rate-limit.guard';
import { RequestBudget } from './request-budget';
import { SlidingWindowStorage } from './sliding-window.storage';
import { TokenService } from './token.service';

const MINUTE_MS = 60_000;

@Module({})
class AuthSettingsModule {}

/**
 * Authentication (challenge → signed nonce → short-lived token, via passport), the global
 * default-deny guard, rate limits and the mapping of refusals on HTTP routes.
 */
@Module({})
export class AuthModule {
  static register(options: { dataDir: string; auth: AuthConfig }): DynamicModule {
    // One instance, imported twice: the settings (and the token secret file) are read once.
    const settings: DynamicModule = {
      module: AuthSettingsModule,
      providers: [
        { provide: AUTH_SETTINGS, useFactory: () => loadAuthSettings(options.dataDir, options.auth) },
      ],
      exports: [AUTH_SETTINGS],
    };
    return {
      module: AuthModule,
      imports: [
        settings,
        PassportModule,
        CredentialsModule,
        ThrottlerModule.forRootAsync({
          imports: [settings],
          inject: [AUTH_SETTINGS],
          useFactory: (auth: AuthSettings) => ({
            // O(1) per call; RequestBudget charges a GraphQL request's cost in one call to it.
            storage: new SlidingWindowStorage(),
            // HTTP routes; GraphQL requests are charged their cost by RequestBudget.
            throttlers: [{ name: 'default', ttl: MINUTE_MS, limit: auth.rateLimitPerMinute }],
          }),
        }),
      ],
      providers: [
        TokenService,
        AuthChallengeUseCase,
        BearerStrategy,
        AuthResolver,
        RequestBudget,
        // Order matters: the rate limit counts per credential, which the access guard establishes.
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
    };
  }
}
