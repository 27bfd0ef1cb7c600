import { CREDENTIAL_DOCUMENT_VERSION, CREDENTIAL_ID_DOMAIN } from '@signet/domain';
import {
  BUNDLE_VERSION,
  canonicalJson,
  keccak256Hex,
  parseBundle,
  parseReceipt,
  utf8,
  type EvidenceBundle,
  type Receipt,
  type StatusEvidence,
} from '@signet/formats';

/**
 * What a dropped file holds: a receipt (`signet-receipt/1` or `/2`), or an evidence bundle
 * (`signet-evidence/1`) that carries one with the evidence of its status events. Both are
 * parsed by libs/formats; credential documents are only shown, as what the file claims (the
 * verdict checks the documents' hashes against the chain); a bundle's RFC 3161 timestamp and
 * audit checkpoint are checked as `signet verify --bundle` checks them.
 */
export interface Evidence {
  receipt: Receipt;
  /** True for an evidence bundle: then every TERMINATED and SUPERSEDED event must be backed. */
  bundled: boolean;
  statusEvidence: StatusEvidence[];
  /** Credential documents the file carries, by the credential id they hash to. */
  documents: Map<string, CredentialDocumentView>;
  /** The parsed bundle, for its timestamp and audit checkpoint; null for a bare receipt. */
  bundle: EvidenceBundle | null;
}

export interface CredentialDocumentView {
  role: string;
  organization: string | null;
  jurisdictions: string[];
  /** keccak256 of the canonical document: compared with the chain's CredentialIssued event. */
  documentHash: string;
}

export function readEvidence(fileText: string): Evidence {
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch {
    throw new Error('the file is not JSON: drop the receipt (or evidence bundle) that Signet gave you');
  }
  const bundled = isObject(json) && json.version === BUNDLE_VERSION;
  const bundle = bundled ? parseBundle(fileText) : null;
  const receipt = bundle ? bundle.receipt : parseReceipt(json);
  const documents = new Map<string, CredentialDocumentView>();
  walk(json, (node) => {
    const document = typeof node === 'string' ? parseQuietly(node) : node;
    if (isObject(document) && document.version === CREDENTIAL_DOCUMENT_VERSION) {
      const canonical = canonicalJson(document);
      documents.set(keccak256Hex(utf8(CREDENTIAL_ID_DOMAIN), utf8(canonical)), {
        role: String(document.role),
        organization: typeof document.organization === 'string' ? document.organization : null,
        jurisdictions: Array.isArray(document.jurisdictions) ? document.jurisdictions.map(String) : [],
        documentHash: keccak256Hex(utf8(canonical)),
      });
    }
  });
  return { receipt, bundled, statusEvidence: bundle?.statusEvidence ?? [], documents, bundle };
}

function walk(node: unknown, visit: (node: unknown) => void, depth = 0): void {
  if (depth > 8) return;
  visit(node);
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit, depth + 1));
  else if (isObject(node)) Object.values(node).forEach((child) => walk(child, visit, depth + 1));
}

function parseQuietly(text: string): unknown {
  if (!text.startsWith('{')) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
