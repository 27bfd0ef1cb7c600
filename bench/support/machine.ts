import { readFileSync } from 'node:fs';
import { ed25519Signer, ed25519Verify, generateKeyPair, systemRandom } from '@signet/formats';

/**
 * How fast this machine is right now, on one core: Ed25519 verifications per second, the
 * same figure `npm run bench:crypto` prints. The machines these benches run on are virtual
 * and shared; the same code measured 4,700 to 11,000 verifications a second on different
 * days. Printed beside the latency figures, it tells a slower machine from slower code.
 */
export function ed25519VerifiesPerSecond(seconds = 1): number {
  const signer = generateKeyPair();
  const sign = ed25519Signer(signer.signing.secretKey);
  const messages = Array.from({ length: 64 }, () => systemRandom(32));
  const signatures = messages.map((message) => sign(message));
  let count = 0;
  const start = performance.now();
  while (performance.now() < start + seconds * 1000) {
    for (let i = 0; i < 50; i++, count++) {
      if (!ed25519Verify(messages[count & 63], signatures[count & 63], signer.signing.publicKey)) {
        throw new Error('a signature made here did not verify');
      }
    }
  }
  return Math.round(count / ((performance.now() - start) / 1000));
}

/** The machine's CPU time so far, in clock ticks, from the first line of /proc/stat. */
export interface CpuTicks {
  total: number;
  steal: number;
}

export function machineTicks(): CpuTicks {
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // guest time is already counted in user time.
  return { total: fields.slice(0, 8).reduce((sum, value) => sum + value, 0), steal: fields[7] ?? 0 };
}

/**
 * Percent of the machine's CPU time the hypervisor gave to other guests between two
 * readings: time this machine's processes were ready to run and did not.
 */
export function stealPercent(before: CpuTicks, after: CpuTicks): number {
  const total = after.total - before.total;
  return total > 0 ? Math.round((1000 * (after.steal - before.steal)) / total) / 10 : 0;
}

/** A process's peak resident memory so far (VmHWM), in MiB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}
