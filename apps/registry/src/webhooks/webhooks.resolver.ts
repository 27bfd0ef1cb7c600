import { Inject } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Caller, WebhookSubscriptionRecord } from '@signet/domain';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { WebhookDeliveryObject, WebhookObject, WebhookWithSecretObject } from './dto/webhook.object';
import { WebhookSubscriptionsUseCase } from './webhook-subscriptions.usecase';

const present = (record: WebhookSubscriptionRecord): WebhookObject => ({
  id: record.id,
  url: record.url,
  events: record.events,
  enabled: record.disabledAt === null,
  disabledAt: record.disabledAt,
  disabledReason: record.disabledReason,
  failingSince: record.failingSince,
  createdAt: record.createdAt,
});

@Resolver()
export class WebhooksResolver {
  constructor(
    @Inject(WebhookSubscriptionsUseCase) private readonly subscriptions: WebhookSubscriptionsUseCase,
  ) {}

  @Query(() => [WebhookObject], { description: "Your organisation's (or, a regulator, your own) webhooks" })
  async webhooks(@CurrentCaller() caller: Caller): Promise<WebhookObject[]> {
    return (await this.subscriptions.list(caller)).map(present);
  }

  @Query(() => [WebhookDeliveryObject], { description: 'The delivery log of one webhook, newest first' })
  webhookDeliveries(
    @CurrentCaller() caller: Caller,
    @Args('id') id: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<WebhookDeliveryObject[]> {
    return this.subscriptions.deliveries(caller, id, first);
  }

  @Mutation(() => WebhookWithSecretObject, {
    description: 'Subscribe a URL to events (docs/WEBHOOKS.md); the answer carries the signing secret',
  })
  async addWebhook(
    @CurrentCaller() caller: Caller,
    @Args('url') url: string,
    @Args('events', { type: () => [String] }) events: string[],
  ): Promise<WebhookWithSecretObject> {
    const added = await this.subscriptions.add(caller, url, events);
    return { ...present(added), secret: added.secret };
  }

  @Mutation(() => Boolean)
  removeWebhook(@CurrentCaller() caller: Caller, @Args('id') id: string): Promise<boolean> {
    return this.subscriptions.remove(caller, id);
  }

  @Mutation(() => String, { description: 'Queue a webhook.test delivery; returns its webhook-id' })
  testWebhook(@CurrentCaller() caller: Caller, @Args('id') id: string): Promise<string> {
    return this.subscriptions.test(caller, id);
  }

  @Mutation(() => String, {
    description: 'A new signing secret (returned); the old one also signs for 24 hours',
  })
  rotateWebhookSecret(@CurrentCaller() caller: Caller, @Args('id') id: string): Promise<string> {
    return this.subscriptions.rotate(caller, id);
  }
}
