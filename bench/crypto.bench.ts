// Crypto costs that size the service: sealing a large text, Ed25519 throughput (the
// deposit check verifies every party's signature; a court's verifier does the same), and
// what each deposit pays per blob: its keccak256 sealed digest and its base64 decoding.
// Runs on one core (a single event loop); `npm run bench:crypto`.
import { performance } from 'node:perf_hooks';
import {
  ed25519Signer,
  ed25519Verify,
  fromBase64,
  generateKeyPair,
  keccak256,
  keccakBackend,
  open,
  seal,
  sealedDigest,
  systemRandom,
  toBase64,
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

// Part of sealing: keccak256 of the blob (the sealed digest). node:crypto's SHA3 is not
// Ethereum's keccak, so it is the `keccak` package's native addon, or @noble's JavaScript.
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

// Per deposit: a blob of about 11 KiB (a 10 KiB text, sealed) is decoded from base64 and
// hashed once; the agreement id and record hash are a dozen keccaks of 32 to 200 bytes.
const depositBlobBytes = 11 * 1024;
const inputsOf = (length: number): Uint8Array[] => Array.from({ length: 16 }, () => systemRandom(length));
const keccakPerSec = (length: number): number => {
  const inputs = inputsOf(length);
  return perSecond(1, (i) => keccak256(inputs[i & 15]));
};
const keccak32PerSec = keccakPerSec(32);
const keccak200PerSec = keccakPerSec(200);
const keccakBlobPerSec = keccakPerSec(depositBlobBytes);
const blobTexts = inputsOf(depositBlobBytes).map(toBase64);
const base64BlobPerSec = perSecond(1, (i) => fromBase64(blobTexts[i & 15]));

const round = (n: number): number => Math.round(n * 10) / 10;
console.log(`seal 1 MiB (2 recipients): ${round(sealMs)} ms`);
console.log(`  of which keccak256 sealed digest: ${round(digestMs)} ms`);
console.log(`open 1 MiB: ${round(openMs)} ms`);
console.log(`Ed25519 sign: ${signPerSec}/s (one core)`);
console.log(`Ed25519 verify: ${verifyPerSec}/s (one core, target >= 10000/s)`);
console.log(
  `keccak256 (${keccakBackend}): 32 B ${keccak32PerSec}/s, 200 B ${keccak200PerSec}/s, 11 KiB ${keccakBlobPerSec}/s`,
);
console.log(`base64 decode 11 KiB: ${base64BlobPerSec}/s`);
console.log(
  JSON.stringify({
    bench: 'crypto',
    sealMiBMs: round(sealMs),
    digestMiBMs: round(digestMs),
    openMiBMs: round(openMs),
    ed25519SignPerSec: signPerSec,
    ed25519VerifyPerSec: verifyPerSec,
    keccakBackend,
    keccak32PerSec,
    keccak200PerSec,
    keccakBlobPerSec,
    base64BlobPerSec,
    verifyTargetMet: verifyPerSec >= 10_000,
  }),
);
