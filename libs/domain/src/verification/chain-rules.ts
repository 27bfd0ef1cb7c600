import { runCheck, type VerificationCheck } from './verification-check';

/** The stored sealed blob is the one the index (and, through recordHash, the chain) binds. */
export function checkBlobDigest(
  sealedDigest: string,
  stored: { digest: string } | null,
  shredded: boolean,
): VerificationCheck {
  return runCheck(
    'blob-digest',
    () => {
      if (stored === null) return shredded ? true : 'no blob is stored under the sealed digest';
      return (
        stored.digest === sealedDigest ||
        `the stored blob hashes to ${stored.digest}, the index says ${sealedDigest}`
      );
    },
    stored === null
      ? 'the blob was destroyed at the end of retention (crypto-shredded)'
      : 'the stored blob hashes to the sealed digest',
  );
}
