import { decodeDisclosure, disclosureMismatches, type DisclosedMetadata } from './disclosure.codec';
import type { CheckList, OnChainDisclosure, OnChainRecord } from './evidence.types';
import type { Receipt } from './receipt.model';

/** What `policyDecision.disclosure` says the packs decided: `public`, else the hashed default. */
export function disclosureOf(receipt: Receipt): 'public' | 'hashed' {
  return receipt.policyDecision?.disclosure === 'public' ? 'public' : 'hashed';
}

function describe(m: DisclosedMetadata): string {
  return [
    `type ${m.type}`,
    `parties ${m.parties.join(', ')}`,
    `jurisdictions ${m.jurisdictions.join(', ')}`,
    `effective ${m.effectiveAt}`,
    `expires ${m.expiresAt}`,
    `parent ${m.parentId ?? 'none'}`,
  ].join('; ');
}

/**
 * `disclosure` (FORMATS.md §12): when the receipt's packs decided `public`, or the chain
 * discloses metadata for the id anyway, the `AgreementDisclosed` log written in the standing
 * record's transaction must decode and equal the receipt's metadata field by field. Returns
 * the decoded metadata (for the verdict to show), null when there is none.
 */
export function checkDisclosure(
  list: CheckList,
  receipt: Receipt,
  disclosures: OnChainDisclosure[] | undefined,
  standing: OnChainRecord | undefined,
): DisclosedMetadata | null {
  const expected = disclosureOf(receipt) === 'public';
  const logs = disclosures ?? [];
  if (!expected && logs.length === 0) return null;
  const withRecord = logs.filter((log) => standing !== undefined && log.txHash === standing.txHash);
  const elsewhere = logs.filter((log) => !withRecord.includes(log));
  if (elsewhere.length > 0)
    list.warn(
      `AgreementDisclosed logs outside the standing record's transaction are ignored: ${elsewhere
        .map((log) => `block ${log.blockNumber} log ${log.logIndex}`)
        .join('; ')}`,
    );
  let decoded: DisclosedMetadata | null = null;
  list.run(
    'disclosure',
    () => {
      if (disclosures === undefined) return "the chain's AgreementDisclosed logs were not read";
      if (standing === undefined) return 'no standing record, so nothing is disclosed with it';
      if (withRecord.length === 0)
        return "the receipt's packs decided public disclosure, but the record's transaction logs no AgreementDisclosed for this id";
      if (withRecord.length > 1)
        return `${withRecord.length} AgreementDisclosed logs in the record's transaction`;
      decoded = decodeDisclosure(withRecord[0].data);
      const wrong = disclosureMismatches(decoded, receipt.metadata);
      return (
        wrong.length === 0 ||
        `the metadata disclosed on chain differs from the receipt's in: ${wrong.join(', ')}`
      );
    },
    () => `public metadata on chain equals the receipt's: ${describe(decoded!)}`,
  );
  return decoded;
}
