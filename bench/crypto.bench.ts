// Crypto costs that size the service: sealing a large text, and Ed25519 throughput (the
// deposit check verifies every party's signature; a court's verifier does the same).
// Runs on one core (a single event loop); `npm run bench:crypto`.
import { performance } from 'node:perf_hooks';
import {
  ed25519Signer,
  ed25519Verify,
  generateKeyPair,
  open,
  seal,
  sealedDigest,
  systemRandom,
} from '@signet/formats';

const MiB = 1024 * 1024;

/** Median of a few runs, so one GC pause does not decide the figure. */
function medianMs(runs: number, body: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    body();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Operations per second over about `seconds` of wall time. */
function perSecond(seconds: number, body: (i: number) => void): number {
  let count = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 100; i++) body(count++);
  }
  return Math.round(count / ((performance.now() - start) / 1000));
}

const recipient = generateKeyPair();
const regulator = generateKeyPair();
const text = 'x'.repeat(MiB); // one MiB of UTF-8
const salt = systemRandom(32);
const recipients = [{ publicKey: recipient.box.publicKey }, { publicKey: regulator.box.publicKey }];

let sealed = seal({ text, salt, recipients }); // warm-up
const sealMs = medianMs(7, () => {
  sealed = seal({ text, salt, recipients });
});
const openMs = medianMs(7, () => {
  open(sealed.blob, sealed.wraps[0], recipient.box.secretKey, recipient.box.publicKey);
});

// Part of sealing: keccak256 of the blob (the sealed digest) is pure JavaScript (@noble),
// since node:crypto's SHA3 is not Ethereum's keccak.
const digestMs = medianMs(7, () => sealedDigest(sealed.blob));

const signer = generateKeyPair();
const sign = ed25519Signer(signer.signing.secretKey);
const messages = Array.from({ length: 256 }, () => systemRandom(32));
const signatures = messages.map((m) => sign(m));
const signPerSec = perSecond(2, (i) => sign(messages[i & 255]));
let failures = 0;
const verifyPerSec = perSecond(2, (i) => {
  if (!ed25519Verify(messages[i & 255], signatures[i & 255], signer.signing.publicKey)) failures++;
});
if (failures > 0) throw new Error(`${failures} signatures did not verify`);

const round = (n: number): number => Math.round(n * 10) / 10;
console.log(`seal 1 MiB (2 recipients): ${round(sealMs)} ms`);
console.log(`  of which keccak256 sealed digest: ${round(digestMs)} ms`);
console.log(`open 1 MiB: ${round(openMs)} ms`);
console.log(`Ed25519 sign: ${signPerSec}/s (one core)`);
console.log(`Ed25519 verify: ${verifyPerSec}/s (one core, target >= 10000/s)`);
console.log(
  JSON.stringify({
    bench: 'crypto',
    sealMiBMs: round(sealMs),
    digestMiBMs: round(digestMs),
    openMiBMs: round(openMs),
    ed25519SignPerSec: signPerSec,
    ed25519VerifyPerSec: verifyPerSec,
    verifyTargetMet: verifyPerSec >= 10_000,
  }),
);
