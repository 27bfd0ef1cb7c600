/**
 * The outside implementer's check of timestamp.json (FORMATS.md §15) with Node's crypto and
 * a few lines of DER reading, importing nothing from libs/formats or pkijs: the imprint is
 * SHA-256 of the root bytes, the CMS signature over the signed attributes verifies under the
 * TSA certificate, whose messageDigest is the TSTInfo's hash, and the chain (timeStamping
 * EKU, issued by the self-signed root, valid at genTime) holds.
 */
import { createHash, verify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/* eslint-disable @typescript-eslint/no-explicit-any */
const vector = JSON.parse(
  readFileSync(join(__dirname, '../../libs/formats/test-vectors/timestamp.json'), 'utf8'),
) as { inputs: Record<string, any>; outputs: Record<string, any> };
const { inputs, outputs } = vector;

interface Der {
  tag: number;
  /** Offset of the tag byte. */
  at: number;
  body: number;
  end: number;
}

function der(buf: Buffer, at: number): Der {
  const tag = buf[at];
  let length = buf[at + 1];
  let body = at + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[at + 2 + i];
    body += n;
  }
  return { tag, at, body, end: body + length };
}

function kids(buf: Buffer, node: Der): Der[] {
  const out: Der[] = [];
  for (let at = node.body; at < node.end; at = out[out.length - 1].end) out.push(der(buf, at));
  return out;
}

const sha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest();
const SHA256_OID = Buffer.from('0609608648016503040201', 'hex');
const MESSAGE_DIGEST_OID = Buffer.from('06092a864886f70d010904', 'hex');

/** The parts of a TimeStampToken a verifier needs (RFC 3161 §2.4.2, RFC 5652 §5). */
function readToken(token: Buffer) {
  const signedData = kids(token, kids(token, der(token, 0))[1])[0];
  const parts = kids(token, signedData);
  const encap = kids(token, parts[2]);
  const octets = kids(token, encap[1])[0];
  const tstInfo = token.subarray(octets.body, octets.end);
  const signerInfo = kids(token, parts[parts.length - 1])[0];
  const [, , , signedAttrs, , signature] = kids(token, signerInfo);
  const tst = kids(tstInfo, der(tstInfo, 0));
  const [algorithm, hashed] = kids(tstInfo, tst[2]);
  const genTime = tstInfo.subarray(tst[4].body, tst[4].end).toString('ascii');
  return {
    tstInfo,
    algorithm: tstInfo.subarray(kids(tstInfo, algorithm)[0].at, kids(tstInfo, algorithm)[0].end),
    hashedMessage: tstInfo.subarray(hashed.body, hashed.end),
    genTime: new Date(
      `${genTime.slice(0, 4)}-${genTime.slice(4, 6)}-${genTime.slice(6, 8)}T${genTime.slice(8, 10)}:${genTime.slice(10, 12)}:${genTime.slice(12, 14)}Z`,
    ),
    // Signed as a SET (RFC 5652 §5.4): the [0] IMPLICIT tag becomes 0x31.
    signedAttributes: Buffer.concat([
      Buffer.from([0x31]),
      token.subarray(signedAttrs.at + 1, signedAttrs.end),
    ]),
    attributes: kids(token, signedAttrs).map((attribute) => {
      const [oid, values] = kids(token, attribute);
      const value = kids(token, values)[0];
      return { oid: token.subarray(oid.at, oid.end), value: token.subarray(value.body, value.end) };
    }),
    signature: token.subarray(signature.body, signature.end),
  };
}

function verdict(token: Buffer, batchRoot: string) {
  const t = readToken(token);
  const [tsa, root] = (inputs.certificates as string[]).map(
    (c) => new X509Certificate(Buffer.from(c, 'base64')),
  );
  const digest = t.attributes.find((a) => a.oid.equals(MESSAGE_DIGEST_OID))?.value;
  const at = t.genTime.getTime();
  return {
    imprint:
      t.algorithm.equals(SHA256_OID) &&
      t.hashedMessage.equals(sha256(Buffer.from(batchRoot.slice(2), 'hex'))),
    signature:
      digest !== undefined &&
      digest.equals(sha256(t.tstInfo)) &&
      verify('sha256', t.signedAttributes, tsa.publicKey, t.signature),
    chain:
      (tsa.keyUsage ?? []).includes('1.3.6.1.5.5.7.3.8') &&
      tsa.verify(root.publicKey) &&
      root.verify(root.publicKey) &&
      [tsa, root].every((c) => Date.parse(c.validFrom) <= at && at <= Date.parse(c.validTo)),
    genTime: t.genTime.toISOString(),
    rootFingerprint: `0x${sha256(root.raw).toString('hex')}`,
  };
}

describe('timestamp.json, verified from FORMATS.md §15 alone', () => {
  const token = Buffer.from(inputs.token as string, 'base64');

  it('holds: imprint, CMS signature, chain at genTime', () => {
    expect(verdict(token, inputs.batchRoot as string)).toEqual({
      imprint: true,
      signature: true,
      chain: true,
      genTime: outputs.genTime,
      rootFingerprint: outputs.rootFingerprint,
    });
  });

  it('fails the imprint for another root, and the signature for a changed byte', () => {
    expect(verdict(token, inputs.otherBatchRoot as string)).toMatchObject({
      imprint: false,
      signature: true,
    });
    const changed = Buffer.from(token);
    changed[changed.length - 1] ^= 0x01;
    expect(verdict(changed, inputs.batchRoot as string)).toMatchObject({ imprint: true, signature: false });
  });
});
