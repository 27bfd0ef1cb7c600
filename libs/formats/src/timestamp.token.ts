import { sha256 } from '@noble/hashes/sha2.js';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, fromBase64, fromHex, toHex, type HexString } from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';

/**
 * RFC 3161 timestamps of batch roots (FORMATS.md §15). The message is the 32 root bytes;
 * its imprint is SHA-256 of them (every TSA takes SHA-256; none takes keccak256):
 *
 *   messageImprint = { hashAlgorithm: id-sha256 (2.16.840.1.101.3.4.2.1), hashedMessage: SHA-256(batchRoot[32]) }
 */
export const TIMESTAMP_HASH_OID = '2.16.840.1.101.3.4.2.1';
const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';
const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';
const EXT_KEY_USAGE_OID = '2.5.29.37';
export const TIME_STAMPING_EKU = '1.3.6.1.5.5.7.3.8';

/** A token as kept: the DER TimeStampToken (a CMS ContentInfo) and the certificates it carries. */
export interface TimestampToken {
  token: Uint8Array;
  /** DER certificates found in the token's SignedData (the TSA's, when it was asked for them). */
  certificates: Uint8Array[];
  genTime: Date;
}

/** What a token says, read without checking its signature. */
export interface TimestampContent {
  genTime: Date;
  hashAlgorithm: string;
  hashedMessage: Uint8Array;
  nonce: Uint8Array | null;
  serialNumber: HexString;
  signedData: pkijs.SignedData;
  tstInfo: pkijs.TSTInfo;
}

const fail = (message: string, path = 'timestamp'): FormatError =>
  new FormatError(FormatErrorCode.INVALID_TIMESTAMP, message, path);

const buffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** `SHA-256(batchRoot[32])`: the hashed message a token over this root must carry. */
export function timestampImprint(batchRoot: HexString): Uint8Array {
  return sha256(fromHex(batchRoot, 32, 'batchRoot'));
}

/** A DER TimeStampReq (v1) for the root, with the nonce and `certReq` true (the TSA adds its certificates). */
export function timestampRequest(batchRoot: HexString, nonce: Uint8Array): Uint8Array {
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: TIMESTAMP_HASH_OID }),
      hashedMessage: new asn1js.OctetString({ valueHex: buffer(timestampImprint(batchRoot)) }),
    }),
    nonce: new asn1js.Integer({ valueHex: buffer(positive(nonce)) }),
    certReq: true,
  });
  return new Uint8Array(request.toSchema().toBER(false));
}

/**
 * The token out of a TSA's TimeStampResp, checked against the request: granted, a
 * TSTInfo over this root's imprint, the same nonce. A TSA that answers anything else is
 * failing, and its answer is not kept.
 */
export function readTimestampReply(
  reply: Uint8Array,
  batchRoot: HexString,
  nonce: Uint8Array,
): TimestampToken {
  let response: pkijs.TimeStampResp;
  try {
    response = pkijs.TimeStampResp.fromBER(buffer(reply));
  } catch (error) {
    throw fail(`not a TimeStampResp: ${(error as Error).message}`, 'reply');
  }
  const status = response.status.status;
  if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods)
    throw fail(
      `the TSA refused: status ${status} ${response.status.statusStrings?.map((s) => s.valueBlock.value).join(' ') ?? ''}`.trim(),
      'reply',
    );
  if (!response.timeStampToken) throw fail('granted without a token', 'reply');
  const token = new Uint8Array(response.timeStampToken.toSchema().toBER(false));
  const content = readTimestampToken(token);
  if (!bytesEqual(content.hashedMessage, timestampImprint(batchRoot)))
    throw fail('the token is over another message imprint', 'reply');
  if (content.nonce === null || !bytesEqual(content.nonce, positive(nonce)))
    throw fail('the token does not carry the request nonce', 'reply');
  return { token, certificates: certificatesOf(content.signedData), genTime: content.genTime };
}

/** Parses a DER TimeStampToken: a ContentInfo of SignedData encapsulating a TSTInfo. */
export function readTimestampToken(token: Uint8Array): TimestampContent {
  let signedData: pkijs.SignedData;
  let tstInfo: pkijs.TSTInfo;
  try {
    const info = pkijs.ContentInfo.fromBER(buffer(token));
    if (info.contentType !== SIGNED_DATA_OID)
      throw new Error(`content type ${info.contentType} is not SignedData`);
    signedData = new pkijs.SignedData({ schema: info.content });
    const encap = signedData.encapContentInfo;
    if (encap.eContentType !== TST_INFO_OID)
      throw new Error(`encapsulated ${encap.eContentType} is not a TSTInfo`);
    if (!encap.eContent) throw new Error('no TSTInfo inside');
    tstInfo = pkijs.TSTInfo.fromBER(encap.eContent.getValue());
  } catch (error) {
    throw fail(`not an RFC 3161 token: ${(error as Error).message}`, 'timestamp.token');
  }
  const imprint = tstInfo.messageImprint;
  return {
    genTime: tstInfo.genTime,
    hashAlgorithm: imprint.hashAlgorithm.algorithmId,
    hashedMessage: new Uint8Array(imprint.hashedMessage.valueBlock.valueHexView),
    nonce: tstInfo.nonce ? new Uint8Array(tstInfo.nonce.valueBlock.valueHexView) : null,
    serialNumber: toHex(new Uint8Array(tstInfo.serialNumber.valueBlock.valueHexView)),
    signedData,
    tstInfo,
  };
}

function certificatesOf(signedData: pkijs.SignedData): Uint8Array[] {
  return (signedData.certificates ?? []).flatMap((c) =>
    c instanceof pkijs.Certificate ? [new Uint8Array(c.toSchema().toBER(false))] : [],
  );
}

/** The nonce as a positive DER INTEGER's content: a leading zero byte if the top bit is set. */
function positive(nonce: Uint8Array): Uint8Array {
  let start = 0;
  while (start < nonce.length - 1 && nonce[start] === 0 && nonce[start + 1] < 0x80) start += 1;
  const trimmed = nonce.subarray(start);
  if (trimmed[0] >= 0x80) {
    const out = new Uint8Array(trimmed.length + 1);
    out.set(trimmed, 1);
    return out;
  }
  return trimmed;
}

/** Parses a DER certificate; the path names it in an error. */
export function readCertificate(der: Uint8Array, path: string): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(buffer(der));
  } catch (error) {
    throw fail(`not a DER X.509 certificate: ${(error as Error).message}`, path);
  }
}

/** The certificate's subject as `CN=…, O=…` (what a court reads), in the certificate's order. */
export function subjectName(certificate: pkijs.Certificate): string {
  return certificate.subject.typesAndValues
    .map((tv) => `${SHORT_NAMES[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value)}`)
    .join(', ');
}

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

/** SHA-256 of the DER certificate, as a court compares it with a TSA's published fingerprint. */
export function certificateFingerprint(der: Uint8Array): HexString {
  return toHex(sha256(der));
}

/** Whether the certificate's extended key usage names id-kp-timeStamping (RFC 3161 §2.3 requires it, critical). */
export function hasTimeStampingUsage(certificate: pkijs.Certificate): boolean {
  const extension = certificate.extensions?.find((e) => e.extnID === EXT_KEY_USAGE_OID);
  const usage = extension?.parsedValue as pkijs.ExtKeyUsage | undefined;
  return extension?.critical === true && (usage?.keyPurposes ?? []).includes(TIME_STAMPING_EKU);
}

/** The DER certificates of a PEM text (`-----BEGIN CERTIFICATE-----` blocks), in order. */
export function pemCertificates(pem: string, path = 'pem'): Uint8Array[] {
  const blocks = [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
  if (blocks.length === 0) throw fail('no PEM certificate found', path);
  return blocks.map((block, i) => fromBase64(block[1].replace(/\s+/g, ''), `${path}[${i}]`));
}
