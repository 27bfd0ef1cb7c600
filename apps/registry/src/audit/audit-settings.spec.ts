import { auditConfig } from '@signet/config';
import { API_FALLBACK_SEQUENCE_MS, sequencingCadence } from './audit-settings';

describe('sequencingCadence', () => {
  const settings = auditConfig({ SIGNET_AUDIT_SEQUENCE_MS: '200' });

  it('keeps the configured interval where background work runs', () => {
    expect(sequencingCadence(settings, 'worker').sequenceIntervalMs).toBe(200);
    expect(sequencingCadence(settings, 'all').sequenceIntervalMs).toBe(200);
  });

  it('makes an API process beside a worker a slow fallback only', () => {
    expect(sequencingCadence(settings, 'api').sequenceIntervalMs).toBe(API_FALLBACK_SEQUENCE_MS);
    expect(sequencingCadence(settings, 'api').checkpointEvery).toBe(settings.checkpointEvery);
  });

  it('never makes an API process sequence more often than configured', () => {
    const slow = auditConfig({ SIGNET_AUDIT_SEQUENCE_MS: '30000' });
    expect(sequencingCadence(slow, 'api').sequenceIntervalMs).toBe(30_000);
  });
});
