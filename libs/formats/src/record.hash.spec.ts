// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- ethers is the independent reference implementation, in specs only
import { AbiCoder, keccak256, solidityPacked } from 'ethers';
import { utf8 } from './bytes.codec';
import { FormatErrorCode } from './format.error';
import { keccak256Hex } from './keccak.hash';
import { AGREEMENT_RECORD_TYPE, recordHash, signaturesHash } from './record.hash';
import { caught } from './caught.spec-helper';

const id = keccak256Hex(utf8('agreement'));

describe('record hash', () => {
  const sig = {
    credentialId: keccak256Hex(utf8('cred')),
    publicKey: keccak256Hex(utf8('pk')),
    signature: `0x${'ab'.repeat(64)}`,
  };
  it('matches Solidity keccak256(abi.encode(TYPEHASH, id, sealedDigest, signaturesHash))', () => {
    const digest = keccak256Hex(utf8('blob'));
    const sh = signaturesHash([sig, sig]);
    expect(sh).toBe(
      keccak256(
        solidityPacked(
          ['bytes32', 'bytes32', 'bytes', 'bytes32', 'bytes32', 'bytes'],
          [sig.credentialId, sig.publicKey, sig.signature, sig.credentialId, sig.publicKey, sig.signature],
        ),
      ),
    );
    const typeHash = keccak256(utf8(AGREEMENT_RECORD_TYPE));
    expect(recordHash(id, digest, sh)).toBe(
      keccak256(
        AbiCoder.defaultAbiCoder().encode(
          ['bytes32', 'bytes32', 'bytes32', 'bytes32'],
          [typeHash, id, digest, sh],
        ),
      ),
    );
  });

  it('refuses no signatures or a short signature', () => {
    expect(caught(() => signaturesHash([]))).toMatchObject({ code: FormatErrorCode.INVALID_LENGTH });
    expect(caught(() => signaturesHash([{ ...sig, signature: '0xab' }]))).toMatchObject({
      path: 'signatures[0].signature',
    });
  });
});
