import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { TimestampAuthority, type GrantedTimestamp } from '@signet/domain';
import { bytesEqual, pemCertificates, readTimestampReply, timestampRequest } from '@signet/formats';

/**
 * The TSA over RFC 3161's HTTP transport (§3.4): a DER TimeStampReq POSTed as
 * `application/timestamp-query`, a TimeStampResp back. The token is checked against the
 * request before it is kept; the chain a court needs is the token's certificates plus
 * TSA_CERT_CHAIN's, each once.
 */
export class Rfc3161Authority extends TimestampAuthority {
  private readonly extraChain: Uint8Array[];

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
    certChainFile?: string,
  ) {
    super();
    this.extraChain =
      certChainFile === undefined
        ? []
        : pemCertificates(readFileSync(certChainFile, 'utf8'), 'TSA_CERT_CHAIN');
  }

  async stamp(batchRoot: string): Promise<GrantedTimestamp> {
    const nonce = new Uint8Array(randomBytes(8));
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: timestampRequest(batchRoot, nonce),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`the TSA answered HTTP ${response.status}`);
    const granted = readTimestampReply(new Uint8Array(await response.arrayBuffer()), batchRoot, nonce);
    const certificates: Uint8Array[] = [];
    for (const der of [...granted.certificates, ...this.extraChain])
      if (!certificates.some((known) => bytesEqual(known, der))) certificates.push(der);
    return { ...granted, certificates };
  }
}
