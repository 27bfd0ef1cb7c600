import { fromBase64, type HexString } from './bytes.codec';
import type { BundleTimestamp } from './evidence-bundle.model';
import type { CheckList } from './evidence.types';
import { timestampImprintProblem, verifyTimestampSignature, type TimestampFinding } from './timestamp.verify';

/**
 * FORMATS.md §15, `timestamp-imprint` then `timestamp-signature`. The signature is checked
 * first (it is asynchronous: WebCrypto), then both are reported in order, so a token over
 * another root fails only the imprint and a tampered token fails the signature.
 */
export async function checkTimestamp(
  list: CheckList,
  batchRoot: HexString,
  timestamp: BundleTimestamp,
  pinned?: Uint8Array[],
): Promise<TimestampFinding | null> {
  let finding: TimestampFinding | null = null;
  let problem: string | null = null;
  let token: Uint8Array | null = null;
  try {
    token = fromBase64(timestamp.token, 'timestamp.token');
    const chain = timestamp.certificates.map((c, i) => fromBase64(c, `timestamp.certificates[${i}]`));
    finding = await verifyTimestampSignature(token, chain, pinned);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  list.run(
    'timestamp-imprint',
    () => {
      if (token === null) return problem ?? 'no token';
      return timestampImprintProblem(token, batchRoot) ?? true;
    },
    `the token's imprint is SHA-256 of the batch root ${batchRoot}`,
  );
  list.run(
    'timestamp-signature',
    () => (finding === null ? (problem ?? 'not verified') : true),
    () =>
      `genTime ${finding?.genTime}: signed by ${finding?.tsa}, chain valid then up to ${finding?.root} (SHA-256 ${finding?.rootFingerprint})`,
  );
  if (finding !== null && !finding.pinned)
    list.warn(
      `the timestamp's root ${finding.root} (SHA-256 ${finding.rootFingerprint}) came with the bundle: pin the TSA's root with --tsa-ca to trust it`,
    );
  return finding;
}
