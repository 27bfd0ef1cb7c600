import { Inject, Injectable } from '@nestjs/common';
import {
  AgreementStatus,
  AgreementStore,
  BlobStore,
  DomainError,
  ErrorCode,
  KeyDestroyedError,
  type Caller,
  type WrapRecord,
} from '@signet/domain';
import { fromHex, keyId, toBase64 } from '@signet/formats';
import { resolveAgreementId } from '../agreements/agreement-id-input';
import { ChainIdentity } from '../agreements/chain-identity';

export const MAX_PURPOSE_LENGTH = 1000;

/** After crypto-shredding: metadata, hashes and the trail stay; the text is gone for good. */
function shredded(): DomainError {
  return new DomainError(
    ErrorCode.Shredded,
    'the sealed text was destroyed at the end of retention (crypto-shredded); verify still checks a presented text',
  );
}

export interface OpenedSealed {
  agreementId: string;
  sealedBlob: string;
  wrap: WrapRecord;
  commitment: string;
  sealedDigest: string;
  purpose: string;
}

/**
 * A recipient fetches the sealed text and its own wrap, stating why. Signet holds no
 * secret key: it hands over ciphertext; the caller decrypts on its own machine. The read
 * is an audit event, committed before any byte is returned, so no read goes unlogged.
 */
@Injectable()
export class OpenSealedUseCase {
  constructor(
    @Inject(AgreementStore) private readonly store: AgreementStore,
    @Inject(BlobStore) private readonly blobs: BlobStore,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
  ) {}

  async execute(caller: Caller, idInput: string, purposeInput: string): Promise<OpenedSealed> {
    const id = resolveAgreementId(idInput, this.chain);
    const agreement = await this.store.findVisibleAgreement(caller, id);
    // The operator is party to nothing: it learns not even existence.
    if (!agreement) throw new DomainError(ErrorCode.NotFound, `no agreement ${id}`);
    const purpose = purposeInput.trim();
    if (purpose.length === 0 || purpose.length > MAX_PURPOSE_LENGTH) {
      throw new DomainError(
        ErrorCode.PurposeRequired,
        `state the purpose of this read (1–${MAX_PURPOSE_LENGTH} characters); it is logged`,
      );
    }
    if (agreement.status === AgreementStatus.Shredded) throw shredded();
    const wrap = await this.wrapFor(caller, id);
    const blob = await this.blobs.get(agreement.sealedDigest.slice(2)).catch((error: unknown) => {
      if (error instanceof KeyDestroyedError) throw shredded();
      throw error;
    });
    if (!blob) throw new DomainError(ErrorCode.NotFound, 'the sealed text is no longer stored (destroyed)');
    await this.store.appendAudit({
      action: 'sealed.open',
      actor: caller,
      agreementId: id,
      purpose,
      detail: { keyId: wrap.keyId },
    });
    return {
      agreementId: id,
      sealedBlob: toBase64(blob),
      wrap,
      commitment: agreement.commitment,
      sealedDigest: agreement.sealedDigest,
      purpose,
    };
  }

  /** The wrap for the caller's current box key; anyone else, court included, is not a recipient. */
  private async wrapFor(caller: Caller, agreementId: string): Promise<WrapRecord> {
    const [credential] = await this.store.findCredentials([caller.credentialId]);
    const mine = credential ? keyId(fromHex(credential.boxKey, 32)) : null;
    const wrap = (await this.store.findWraps(agreementId)).find((w) => w.keyId === mine);
    if (!wrap) {
      throw new DomainError(ErrorCode.NotARecipient, 'the sealed text is not wrapped to your box key');
    }
    return wrap;
  }
}
