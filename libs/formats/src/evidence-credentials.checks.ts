import { fromHex, utf8, type HexString } from './bytes.codec';
import { canonicalJson } from './canonical-json.codec';
import { ed25519Verify } from './ed25519.signature';
import type { CheckList, CredentialKey } from './evidence.types';
import { parseIJson } from './ijson.codec';
import { keccak256Hex } from './keccak.hash';
import type { CredentialEvidence } from './receipt.model';

export const CREDENTIAL_DOCUMENT_DOMAIN = 'signet:credential:v1';

/** The members of a `signet-credential/1` document a verifier reads. */
export interface CredentialDocumentView {
  role: string;
  organization: string | null;
  signingKey: HexString;
  registry: string;
  principal: HexString | null;
  mandate: {
    maxValue: string | null;
    currency: string | null;
    types: string[] | null;
    jurisdictions: string[] | null;
  } | null;
  issuer: HexString;
}

export interface PresentedCredential {
  id: HexString;
  canonical: string;
  documentHash: HexString;
  issuerSignature: HexString;
  /** Null when the text is not a canonical credential document. */
  document: CredentialDocumentView | null;
  problem: string | null;
}

/** `credentialId = H("signet:credential:v1" ‖ utf8(canonical document))`. */
export function credentialIdOfDocument(canonical: string): HexString {
  return keccak256Hex(utf8(CREDENTIAL_DOCUMENT_DOMAIN), utf8(canonical));
}

/** Reads the receipt's credential documents by the id each hashes to (FORMATS.md, Credentials). */
export function presentedCredentials(evidence: CredentialEvidence[]): Map<HexString, PresentedCredential> {
  const byId = new Map<HexString, PresentedCredential>();
  for (const item of evidence) {
    const id = credentialIdOfDocument(item.document);
    let document: CredentialDocumentView | null = null;
    let problem: string | null = null;
    try {
      const parsed = parseIJson(item.document, 'credential');
      if (canonicalJson(parsed) !== item.document) problem = 'the document is not in canonical form';
      else document = parsed as CredentialDocumentView;
    } catch (error) {
      problem = (error as Error).message;
    }
    byId.set(id, {
      id,
      canonical: item.document,
      documentHash: keccak256Hex(utf8(item.document)),
      issuerSignature: item.issuerSignature,
      document,
      problem,
    });
  }
  return byId;
}

export interface CredentialCheckContext {
  list: CheckList;
  keys: Map<HexString, CredentialKey>;
  anchorBlock: number;
  anchorTimestamp: number | null;
  /** `eip155:<chainId>:<registry>` of the blockchain id; null when it does not parse. */
  registry: string | null;
  /** Null for a v1 receipt, which carries no documents. */
  documents: Map<HexString, PresentedCredential> | null;
}

/**
 * `credential:<id>`: the key signed while its credential was live. The anchor block stands
 * in for the signing time (a signature carries no trustworthy time; the anchor is the latest
 * moment it provably existed), so the credential must be issued at or before the anchor
 * block, not revoked in or before it, and not expired at its timestamp: live iff
 * `notAfter = 0` or `timestamp < notAfter`. With a v2 receipt the document must be there too,
 * hash to the chain's documentHash, name this key and registry, and carry a valid issuer signature.
 */
export function checkCredential(ctx: CredentialCheckContext, id: HexString, publicKey: HexString): boolean {
  const { anchorBlock, anchorTimestamp } = ctx;
  return ctx.list.run(
    `credential:${id}`,
    () => {
      const key = ctx.keys.get(id);
      if (key === undefined) return 'no CredentialIssued event for it on chain';
      if (key.signingKey.toLowerCase() !== publicKey)
        return `the on-chain credential key is ${key.signingKey}, the signature's is ${publicKey}`;
      if (key.issuedAtBlock > anchorBlock)
        return `issued at block ${key.issuedAtBlock}, after the anchor block ${anchorBlock}`;
      const revoked = key.revokedAtBlock;
      if (revoked !== undefined && revoked !== null && revoked <= anchorBlock)
        return `revoked at block ${revoked}, at or before the anchor block ${anchorBlock}`;
      if (anchorTimestamp === null)
        return "the anchor block's timestamp is unknown: expiry cannot be checked";
      if (key.notAfter !== 0 && anchorTimestamp >= key.notAfter)
        return `expired at ${iso(key.notAfter)}; the anchor block's time is ${iso(anchorTimestamp)}`;
      return ctx.documents === null ? true : (documentProblem(ctx, id, key, publicKey) ?? true);
    },
    () => `key matches, live at block ${anchorBlock}${ctx.documents === null ? '' : ', document as issued'}`,
  );
}

function documentProblem(
  ctx: CredentialCheckContext,
  id: HexString,
  key: CredentialKey,
  publicKey: HexString,
): string | null {
  const presented = ctx.documents?.get(id);
  if (presented === undefined) return 'the receipt carries no credential document for it';
  if (presented.document === null) return `its document: ${presented.problem}`;
  if (key.documentHash !== undefined && key.documentHash !== presented.documentHash)
    return `the document hashes to ${presented.documentHash}, the chain says ${key.documentHash}`;
  if (presented.document.signingKey !== publicKey)
    return `the document names the key ${presented.document.signingKey}`;
  if (ctx.registry !== null && presented.document.registry !== ctx.registry)
    return `the document is for registry ${presented.document.registry}, not ${ctx.registry}`;
  const signed = ed25519Verify(
    fromHex(id, 32),
    fromHex(presented.issuerSignature, 64),
    fromHex(presented.document.issuer, 32),
  );
  return signed ? null : "the issuer's signature over the credential id does not verify";
}

/**
 * `issuer`: every document was issued by the registry's operator, i.e. its `issuer` key is the
 * signing key of a presented, self-issued `operator` credential that the chain holds.
 */
export function checkIssuer(ctx: CredentialCheckContext): void {
  const documents = [...(ctx.documents?.values() ?? [])];
  ctx.list.run(
    'issuer',
    () => {
      const operator = documents.find(
        (c) => c.document?.role === 'operator' && c.document.issuer === c.document.signingKey,
      );
      if (operator === undefined) return "the receipt carries no operator's credential document";
      const onChain = ctx.keys.get(operator.id);
      if (onChain === undefined || onChain.signingKey !== operator.document!.signingKey)
        return `the operator's credential ${operator.id} is not on chain with that key`;
      const foreign = documents.find(
        (c) => c.document !== null && c.document.issuer !== operator.document!.signingKey,
      );
      return (
        foreign === undefined ||
        `credential ${foreign.id} was issued by another key, ${foreign.document!.issuer}`
      );
    },
    "every credential document is signed by the registry operator's credentialed key",
  );
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
