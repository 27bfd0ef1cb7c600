import { isHex, type PartySignature } from '@signet/formats';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import type { CredentialRecord } from './records';

/** A signature as a caller hands it in: by whom, and the 64 bytes as hex. */
export interface GivenSignature {
  credentialId: string;
  signature: string;
}

/**
 * The one loop over a document every party must sign (a deposit's id, a termination, a
 * destruction request): each
 * party signed, nobody else did, and every signature verifies under its party's key. The
 * signatures are verified side by side (`verify` may run on the thread pool); the first
 * party whose signature fails is named. The result is in party order.
 */
export async function signedByEveryParty(
  parties: CredentialRecord[],
  given: GivenSignature[],
  document: 'agreement' | 'termination' | 'destruction request',
  verify: (signature: PartySignature) => boolean | Promise<boolean>,
): Promise<PartySignature[]> {
  const byCredential = new Map(given.map((signature) => [signature.credentialId, signature.signature]));
  const extra = given.find((signature) => !parties.some((party) => party.id === signature.credentialId));
  if (extra) {
    throw new DomainError(ErrorCode.InvalidSignature, `${extra.credentialId} is not a party`, {
      credentialId: extra.credentialId,
    });
  }
  const signed = parties.map((party) => {
    const signature = byCredential.get(party.id);
    if (!signature) {
      throw new DomainError(ErrorCode.MissingSignature, `party ${party.id} has not signed the ${document}`, {
        party: party.id,
      });
    }
    return { credentialId: party.id, publicKey: party.signingKey, signature };
  });
  const valid = await Promise.all(
    signed.map(async (signature) => isHex(signature.signature, 64) && (await verify(signature))),
  );
  const forged = signed.find((_signature, position) => !valid[position]);
  if (forged) {
    const what = document === 'agreement' ? 'signature' : `${document} signature`;
    throw new DomainError(
      ErrorCode.InvalidSignature,
      `party ${forged.credentialId}'s ${what} does not verify`,
      {
        party: forged.credentialId,
      },
    );
  }
  return signed;
}

/** "The same parties" means the same organisations: their agents may change between deals. */
export function sameOrganizations(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((organization) => set.has(organization));
}
