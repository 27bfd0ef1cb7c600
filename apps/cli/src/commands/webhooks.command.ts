import type { Command } from 'commander';
import { CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import { listOption, type RegisterCommand } from './command';

const FIELDS = 'id url events enabled disabledReason failingSince createdAt';

interface Webhook {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
}

const line = (w: Webhook): string =>
  `${w.id} ${w.enabled ? 'enabled ' : 'DISABLED'} ${w.url} [${w.events.join(', ')}]` +
  (w.disabledReason ? ` — ${w.disabledReason}` : w.failingSince ? ` — failing since ${w.failingSince}` : '');

/**
 * `signet webhooks add URL --events E,… | list | remove ID | test ID | deliveries ID |
 * rotate ID`: the caller's subscriptions (its organisation's, or a regulator's own).
 */
export const registerWebhooks: RegisterCommand = (program) => {
  const webhooks = program
    .command('webhooks')
    .description('signed webhooks (Standard Webhooks) for your events');
  webhooks
    .command('add')
    .description('subscribe URL to events; prints the id and the whsec_ signing secret (shown once)')
    .argument('<url>', 'https URL that receives POSTs')
    .requiredOption('--events <list>', 'comma-separated, e.g. agreement.final,sealed.opened')
    .action(async (url: string, options: { events: string }, command: Command) => {
      const cli = CliContext.of(command);
      const events = listOption(options.events) ?? [];
      if (events.length === 0) throw usageError('--events needs at least one event');
      const { addWebhook } = await (
        await cli.client()
      ).request<{ addWebhook: Webhook & { secret: string } }>(
        `mutation ($url: String!, $events: [String!]!) { addWebhook(url: $url, events: $events) { ${FIELDS} secret } }`,
        { url, events },
      );
      cli.print(addWebhook, `${line(addWebhook)}\nsecret: ${addWebhook.secret}`);
    });
  webhooks
    .command('list')
    .description('your webhooks, and whether Signet disabled any')
    .action(async (_options: unknown, command: Command) => {
      const cli = CliContext.of(command);
      const { webhooks: all } = await (
        await cli.client()
      ).request<{ webhooks: Webhook[] }>(`{ webhooks { ${FIELDS} } }`);
      cli.print({ webhooks: all }, all.length ? all.map(line).join('\n') : 'no webhooks');
    });
  const byId = (name: string, description: string, mutation: string, describe: (answer: unknown) => string) =>
    webhooks
      .command(name)
      .description(description)
      .argument('<id>', 'webhook id')
      .action(async (id: string, _options: unknown, command: Command) => {
        const cli = CliContext.of(command);
        const answer = await (await cli.client()).request<Record<string, unknown>>(mutation, { id });
        const value = Object.values(answer)[0];
        cli.print({ id, result: value }, describe(value));
      });
  byId(
    'remove',
    'stop and delete a webhook',
    'mutation ($id: String!) { removeWebhook(id: $id) }',
    () => 'removed',
  );
  byId(
    'test',
    'send a signed webhook.test event now; prints its webhook-id',
    'mutation ($id: String!) { testWebhook(id: $id) }',
    (value) => `queued ${String(value)}`,
  );
  byId(
    'rotate',
    'a new signing secret; the old one keeps signing for 24 hours',
    'mutation ($id: String!) { rotateWebhookSecret(id: $id) }',
    (value) => `secret: ${String(value)}`,
  );
  byId(
    'deliveries',
    'the delivery log of a webhook, newest first',
    'query ($id: String!) { webhookDeliveries(id: $id) { id type status attempts lastStatus lastError createdAt deliveredAt } }',
    (value) =>
      (
        value as Array<{
          id: string;
          type: string;
          status: string;
          attempts: number;
          lastStatus: number | null;
        }>
      )
        .map(
          (d) =>
            `${d.id} ${d.type} ${d.status} after ${d.attempts} attempt(s)${d.lastStatus ? `, HTTP ${d.lastStatus}` : ''}`,
        )
        .join('\n') || 'no deliveries',
  );
};
