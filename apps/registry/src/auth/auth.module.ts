import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import type { AuthConfig } from '@signet/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { RateWindowStore } from '@signet/domain';
import { CredentialsModule } from '../credentials/credentials.module';
import { AccessGuard } from './access.guard';
import { AuthChallengeUseCase } from './auth-challenge.usecase';
import { AUTH_SETTINGS, loadAuthSettings, type AuthSettings } from './auth-settings';
import { AuthResolver } from './auth.resolver';
import { BearerStrategy } from './bearer.strategy';
import { DomainErrorFilter } from './domain-error.filter';
import { RateLimitGuard } from './rate-limit.guard';
import { RequestBudget } from './request-budget';
import { RATE_WINDOW_PROVIDER } from './rate-window.provider';
import { SharedThrottlerStorage } from './shared-throttler.storage';
import { TokenService } from './token.service';

const MINUTE_MS = 60_000;

@Module({})
class AuthSettingsModule {}

@Module({})
class RateWindowModule {}

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
    // The rate-limit windows, one store for GraphQL budgets and HTTP routes alike.
    const windows: DynamicModule = {
      module: RateWindowModule,
      imports: [settings],
      providers: [RATE_WINDOW_PROVIDER],
      exports: [RateWindowStore],
    };
    return {
      module: AuthModule,
      imports: [
        settings,
        windows,
        PassportModule,
        CredentialsModule,
        ThrottlerModule.forRootAsync({
          imports: [settings, windows],
          inject: [AUTH_SETTINGS, RateWindowStore],
          useFactory: (auth: AuthSettings, store: RateWindowStore) => ({
            // The same windows RequestBudget charges a GraphQL request's cost to.
            storage: new SharedThrottlerStorage(store),
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
