import { Webhook } from 'standardwebhooks';
import { DomainError } from '../errors/domain-error';
import { afterAttempt, GIVE_UP_AFTER_MS, MAX_RETRY_MS } from './delivery-retry.policy';
import { eventForStatus, scopeReceives, type WebhookAudience } from './webhook-events';
import { newWebhookSecret, rotateSecret, SECRET_OVERLAP_MS, signDelivery } from './webhook-signer';
import { checkWebhookUrl, isInternalAddress } from './webhook-url.policy';

const codeOf = async (work: Promise<unknown>): Promise<string | null> =>
  work.then(
    () => null,
    (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
  );

describe('webhook URLs', () => {
  const resolvesTo =
    (...addresses: string[]) =>
    (): Promise<string[]> =>
      Promise.resolve(addresses);

  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '224.0.0.1',
  ])('refuses %s', (address) => expect(isInternalAddress(address)).toBe(true));

  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8'])('allows %s', (address) =>
    expect(isInternalAddress(address)).toBe(false),
  );

  it('refuses a name that resolves to a private address, with WEBHOOK_URL_FORBIDDEN', async () => {
    expect(await codeOf(checkWebhookUrl('https://hooks.example/x', resolvesTo('10.0.0.5'), false))).toBe(
      'WEBHOOK_URL_FORBIDDEN',
    );
    // One internal address among public ones is enough to refuse.
    expect(
      await codeOf(checkWebhookUrl('https://hooks.example/x', resolvesTo('8.8.8.8', '127.0.0.1'), false)),
    ).toBe('WEBHOOK_URL_FORBIDDEN');
    expect(await codeOf(checkWebhookUrl('http://[::1]:8080/', resolvesTo(), false))).toBe(
      'WEBHOOK_URL_FORBIDDEN',
    );
    expect(await codeOf(checkWebhookUrl('https://hooks.example/x', resolvesTo('8.8.8.8'), false))).toBeNull();
  });

  it('allows private addresses only when told to, and never other schemes', async () => {
    expect(await codeOf(checkWebhookUrl('http://127.0.0.1:9/hook', resolvesTo(), true))).toBeNull();
    expect(await codeOf(checkWebhookUrl('file:///etc/passwd', resolvesTo(), true))).toBe('BAD_INPUT');
    expect(await codeOf(checkWebhookUrl('not a url', resolvesTo(), true))).toBe('BAD_INPUT');
  });
});

describe('delivery retries', () => {
  const now = new Date('2026-12-02T12:00:00Z');

  it('backs off exponentially up to a cap, and gives up after a day of failures', () => {
    const delays = [1, 2, 3, 12].map((attempt) => {
      const outcome = afterAttempt({ attempt, status: 500, failingSince: now, now });
      return outcome.kind === 'retry' ? outcome.at.getTime() - now.getTime() : -1;
    });
    expect(delays).toEqual([5_000, 10_000, 20_000, MAX_RETRY_MS]);
    const later = new Date(now.getTime() + GIVE_UP_AFTER_MS);
    expect(afterAttempt({ attempt: 20, status: null, failingSince: now, now: later }).kind).toBe('disable');
  });

  it('delivers on 2xx and disables at once on 410', () => {
    expect(afterAttempt({ attempt: 1, status: 204, failingSince: null, now }).kind).toBe('delivered');
    expect(afterAttempt({ attempt: 1, status: 410, failingSince: null, now })).toEqual({
      kind: 'disable',
      reason: 'the endpoint answered 410 Gone',
    });
  });
});

describe('event scope', () => {
  const audience: WebhookAudience = { organizationIds: ['org-a', 'org-b'], jurisdictions: ['DE'] };

  it('reaches the parties’ organisations and the regulators of the jurisdictions only', () => {
    expect(
      scopeReceives({ kind: 'organization', organizationId: 'org-a' }, 'agreement.final', audience),
    ).toBe(true);
    expect(
      scopeReceives({ kind: 'organization', organizationId: 'org-c' }, 'agreement.final', audience),
    ).toBe(false);
    expect(
      scopeReceives(
        { kind: 'regulator', credentialId: 'r', jurisdictions: ['DE'] },
        'agreement.final',
        audience,
      ),
    ).toBe(true);
    expect(
      scopeReceives(
        { kind: 'regulator', credentialId: 'r', jurisdictions: ['FR'] },
        'agreement.final',
        audience,
      ),
    ).toBe(false);
    // Who read an agreement is the parties' to know.
    expect(
      scopeReceives(
        { kind: 'regulator', credentialId: 'r', jurisdictions: ['DE'] },
        'sealed.opened',
        audience,
      ),
    ).toBe(false);
  });

  it('names the event of each status change', () => {
    expect(
      ['ANCHORED', 'FINAL', 'PENDING_RATIFICATION', 'TERMINATED', 'SHREDDED', 'PENDING_ANCHOR'].map(
        eventForStatus,
      ),
    ).toEqual([
      'agreement.anchored',
      'agreement.final',
      'agreement.ratification_required',
      'agreement.terminated',
      'agreement.shredded',
      null,
    ]);
  });
});

describe('signatures', () => {
  const body = JSON.stringify({ type: 'agreement.final', data: { id: 'x' } });
  const at = new Date();

  it('signs by the Standard Webhooks spec, verifiable with the standardwebhooks library', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const headers = signDelivery({ id: 'msg_1', body, at, secrets: { current: secret } });
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, { ...headers })).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
  });

  it('signs with the old and the new secret during a rotation’s overlap, then with the new only', () => {
    const old = newWebhookSecret();
    const rotated = rotateSecret({ current: old }, at);
    const during = signDelivery({ id: 'msg_2', body, at, secrets: rotated });
    expect(during['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(old).verify(body, { ...during })).toBeTruthy();
    expect(new Webhook(rotated.current).verify(body, { ...during })).toBeTruthy();
    const after = new Date(at.getTime() + SECRET_OVERLAP_MS + 1000);
    const later = signDelivery({ id: 'msg_3', body, at: after, secrets: rotated });
    expect(later['webhook-signature'].split(' ')).toHaveLength(1);
  });
});
