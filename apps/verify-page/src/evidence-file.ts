import { CREDENTIAL_DOCUMENT_VERSION, CREDENTIAL_ID_DOMAIN } from '@signet/domain';
import { canonicalJson, keccak256Hex, parseReceipt, utf8, type Receipt } from '@signet/formats';

/**
 * What a dropped file holds: a receipt (`signet-receipt/1`), or an evidence bundle that
 * carries one together with credential documents and timestamps. The receipt is parsed by
 * libs/formats; the rest is only shown, and is shown as what the file claims.
 */
export interface Evidence {
  receipt: Receipt;
  /** Credential documents the file carries, by the credential id they hash to. */
  documents: Map<string, CredentialDocumentView>;
  timestamps: LegalTimestamp[];
}

export interface CredentialDocumentView {
  role: string;
  organization: string | null;
  jurisdictions: string[];
  /** keccak256 of the canonical document: compared with the chain's CredentialIssued event. */
  documentHash: string;
}

export interface LegalTimestamp {
  time: string;
  authority: string | null;
}

export function readEvidence(fileText: string): Evidence {
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch {
    throw new Error('the file is not JSON: drop the receipt (or evidence bundle) that Signet gave you');
  }
  const holder = isObject(json) && isObject(json.receipt) ? json.receipt : json;
  const receipt = parseReceipt(holder);
  const documents = new Map<string, CredentialDocumentView>();
  const timestamps: LegalTimestamp[] = [];
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
    if (isObject(node) && typeof node.genTime === 'string') {
      const authority = node.tsa ?? node.tsaUrl ?? node.authority ?? null;
      timestamps.push({ time: node.genTime, authority: typeof authority === 'string' ? authority : null });
    }
  });
  return { receipt, documents, timestamps };
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
