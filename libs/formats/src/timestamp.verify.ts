import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, type HexString } from './bytes.codec';
import {
  TIMESTAMP_HASH_OID,
  certificateFingerprint,
  hasTimeStampingUsage,
  readCertificate,
  readTimestampToken,
  subjectName,
  timestampImprint,
} from './timestamp.token';

/** What a verified token tells a court. */
export interface TimestampFinding {
  genTime: string;
  /** The TSA (the signer certificate's subject). */
  tsa: string;
  /** The trust anchor the chain ends at, and its SHA-256 fingerprint. */
  root: string;
  rootFingerprint: HexString;
  /** Whether the root was pinned by the verifier (`--tsa-ca`) or only taken from the bundle. */
  pinned: boolean;
}

/** `timestamp-imprint`: SHA-256 over the batch root bytes, as the token's TSTInfo states it. */
export function timestampImprintProblem(token: Uint8Array, batchRoot: HexString): string | null {
  const content = readTimestampToken(token);
  if (content.hashAlgorithm !== TIMESTAMP_HASH_OID)
    return `the imprint's hash algorithm is ${content.hashAlgorithm}, not SHA-256 (${TIMESTAMP_HASH_OID})`;
  return bytesEqual(content.hashedMessage, timestampImprint(batchRoot))
    ? null
    : `the token's message imprint is not SHA-256 of the batch root ${batchRoot}`;
}

/**
 * `timestamp-signature`: the CMS signature verifies under the signer certificate found in
 * the given chain; that certificate has the (critical) timeStamping extended key usage; and
 * the chain validates at the token's genTime up to a trust anchor — the verifier's pinned
 * certificates, else the chain's last certificate, which must then be self-signed. Throws
 * with the reason when any of it fails.
 */
export async function verifyTimestampSignature(
  token: Uint8Array,
  chain: Uint8Array[],
  pinned?: Uint8Array[],
): Promise<TimestampFinding> {
  const content = readTimestampToken(token);
  const certificates = chain.map((der, i) => readCertificate(der, `timestamp.certificates[${i}]`));
  if (certificates.length === 0) throw new Error('no certificate chain is given');
  const signedData = content.signedData;
  signedData.certificates = certificates;
  const result = await signatureOf(signedData);
  const signer = result.signerCertificate;
  if (!result.signatureVerified || !signer)
    throw new Error(`the CMS signature does not verify: ${result.message}`);
  if (!hasTimeStampingUsage(signer))
    throw new Error(`${subjectName(signer)} lacks the critical timeStamping extended key usage`);

  const anchors = pinned?.map((der, i) => readCertificate(der, `tsa-ca[${i}]`));
  const roots: pkijs.Certificate[] = [];
  for (const certificate of certificates) if (await selfSigned(certificate)) roots.push(certificate);
  const trusted = anchors ?? roots;
  if (trusted.length === 0)
    throw new Error("the chain holds no self-signed root: give the TSA's root (--tsa-ca)");
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: trusted,
    // pkijs validates the last certificate of `certs`: the signer, after any intermediates.
    certs: [...certificates.filter((c) => !roots.includes(c) && c !== signer), signer],
    checkDate: content.genTime,
  });
  const validation = await engine.verify();
  if (!validation.result)
    throw new Error(
      `the chain does not validate at ${content.genTime.toISOString()}: ${validation.resultMessage}`,
    );
  const path = validation.certificatePath ?? [];
  const root = path[path.length - 1] ?? trusted[0];
  const rootDer = new Uint8Array(root.toSchema().toBER(false));
  return {
    genTime: content.genTime.toISOString(),
    tsa: subjectName(signer),
    root: subjectName(root),
    rootFingerprint: certificateFingerprint(rootDer),
    pinned: anchors !== undefined,
  };
}

interface SignatureResult {
  signatureVerified: boolean;
  signerCertificate?: pkijs.Certificate;
  message: string;
}

const MESSAGE_DIGEST_OID = '1.2.840.113549.1.9.4';
/** The signer's digest algorithms a TSA uses (RFC 5754), by OID. */
const DIGESTS: Record<string, { name: string; digest: (data: Uint8Array) => Uint8Array }> = {
  '2.16.840.1.101.3.4.2.1': { name: 'SHA-256', digest: sha256 },
  '2.16.840.1.101.3.4.2.2': { name: 'SHA-384', digest: sha384 },
  '2.16.840.1.101.3.4.2.3': { name: 'SHA-512', digest: sha512 },
};
const CONTENT_TYPE_OID = '1.2.840.113549.1.9.3';

/**
 * The CMS signature alone (RFC 5652 §5.4): the signer's certificate by issuer and serial,
 * the messageDigest attribute against the TSTInfo, the signature over the signed attributes.
 * Not pkijs' SignedData.verify, which for a TSTInfo also checks the imprint against the
 * data — that is `timestamp-imprint`'s job, kept apart so each failure is named once.
 */
async function signatureOf(signedData: pkijs.SignedData): Promise<SignatureResult> {
  const signerInfo = signedData.signerInfos[0];
  if (signedData.signerInfos.length !== 1)
    return { signatureVerified: false, message: 'not exactly one signer' };
  const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber;
  const signer = (signedData.certificates ?? []).find(
    (c): c is pkijs.Certificate =>
      c instanceof pkijs.Certificate &&
      sid instanceof pkijs.IssuerAndSerialNumber &&
      c.issuer.isEqual(sid.issuer) &&
      c.serialNumber.isEqual(sid.serialNumber),
  );
  if (signer === undefined)
    return { signatureVerified: false, message: "the signer's certificate is not in the chain" };
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  const digestAttribute = attributes.find((a) => a.type === MESSAGE_DIGEST_OID);
  if (!attributes.some((a) => a.type === CONTENT_TYPE_OID) || digestAttribute === undefined)
    return {
      signatureVerified: false,
      signerCertificate: signer,
      message: 'no content-type or message-digest attribute',
    };
  const crypto = pkijs.getCrypto(true);
  const hash = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (hash === undefined)
    return {
      signatureVerified: false,
      signerCertificate: signer,
      message: `unknown digest ${signerInfo.digestAlgorithm.algorithmId}`,
    };
  const eContent = signedData.encapContentInfo.eContent;
  const content = eContent ? new Uint8Array(eContent.getValue()) : new Uint8Array(0);
  const digest = hash.digest(content);
  const claimed = new Uint8Array((digestAttribute.values[0] as asn1js.OctetString).valueBlock.valueHexView);
  if (!bytesEqual(digest, claimed))
    return {
      signatureVerified: false,
      signerCertificate: signer,
      message: "the message digest is not the TSTInfo's (the token was changed)",
    };
  const verified = await crypto.verifyWithPublicKey(
    signerInfo.signedAttrs!.encodedValue,
    signerInfo.signature,
    signer.subjectPublicKeyInfo,
    signer.signatureAlgorithm,
    hash.name,
  );
  return {
    signatureVerified: verified,
    signerCertificate: signer,
    message: 'the signature over the signed attributes does not verify',
  };
}

async function selfSigned(certificate: pkijs.Certificate): Promise<boolean> {
  if (!bytesEqual(issuerBytes(certificate), subjectBytes(certificate))) return false;
  try {
    return await certificate.verify();
  } catch {
    return false;
  }
}

const issuerBytes = (c: pkijs.Certificate) => new Uint8Array(c.issuer.toSchema().toBER(false));
const subjectBytes = (c: pkijs.Certificate) => new Uint8Array(c.subject.toSchema().toBER(false));
