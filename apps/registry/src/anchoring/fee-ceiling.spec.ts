import type { Logger } from 'pino';
import { FeeCeiling } from './fee-ceiling';

const GWEI = 1_000_000_000n;
const spike = { maxFeePerGas: 200n * GWEI, maxPriorityFeePerGas: GWEI };
const calm = { maxFeePerGas: 3n * GWEI, maxPriorityFeePerGas: GWEI };

function rig(ceiling: bigint | null) {
  const gauge: number[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  const logger = {
    warn: (_context: unknown, message: string) => warnings.push(message),
    info: (_context: unknown, message: string) => infos.push(message),
  } as unknown as Logger;
  const fees = new FeeCeiling(ceiling, { set: (v) => gauge.push(v) }, logger);
  return { fees, gauge, warnings, infos };
}

describe('FeeCeiling', () => {
  it('says once that it holds new transactions back, and once that it lets go', () => {
    const { fees, gauge, warnings, infos } = rig(20n * GWEI);
    for (let i = 0; i < 5; i++) expect(fees.forNew(spike)).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(gauge.at(-1)).toBe(1);
    expect(fees.forNew(calm)).toEqual(calm);
    expect(fees.forNew(calm)).toEqual(calm);
    expect(infos).toHaveLength(1);
    expect(gauge.at(-1)).toBe(0);
  });

  it('keeps the gauge up while any replacement is held, and forgets transactions no longer waiting', () => {
    const { fees, gauge, warnings } = rig(20n * GWEI);
    const atCeiling = { maxFeePerGas: 20n * GWEI, maxPriorityFeePerGas: GWEI };
    expect(fees.forReplacement('a', 1, atCeiling, spike)).toBeNull();
    expect(fees.forReplacement('b', 2, atCeiling, spike)).toBeNull();
    expect(fees.forReplacement('a', 1, atCeiling, spike)).toBeNull();
    expect(warnings).toHaveLength(2);
    fees.retain(['b']);
    expect(gauge.at(-1)).toBe(1);
    fees.retain([]);
    expect(gauge.at(-1)).toBe(0);
  });

  it('holds nothing back without a ceiling', () => {
    const { fees, warnings } = rig(null);
    expect(fees.forNew(spike)).toEqual(spike);
    expect(warnings).toHaveLength(0);
  });
});
