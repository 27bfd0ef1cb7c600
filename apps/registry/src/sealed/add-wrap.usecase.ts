import { Inject, Injectable } from '@nestjs/common';
import {
  addWrapMessage,
  AgreementStore,
  DomainError,
  ErrorCode,
  type Caller,
  type CredentialRecord,
  type WrapRecord,
} from '@signet/domain';
import {
  ed25519Verify,
  FormatError,
  fromBase64,
  fromHex,
  isHex,
  keyId,
  SEALED_BOX_OVERHEAD,
} from '@signet/formats';
import { resolveAgreementId } from '../agreements/agreement-id-input';
import { ChainIdentity } from '../agreements/chain-identity';

export interface AddWrapCommand {
  id: string;
  newKeyId: string;
  box: string;
  /** Ed25519 signature over addWrapMessage(…) by the credential that holds the old wrap. */
  proof: string;
  /** The credential holding the old wrap; the caller itself when omitted. */
  fromCredentialId?: string;
}

const DATA_KEY_LENGTH = 32;

/**
 * Key rotation for a regulator (docs/AUDIT.md): it adds a wrap of an agreement's data key
 * for the box key of its current credential. Signet holds no secret and cannot check that
 * the box holds the right key; what it checks is who may add one and for whom:
 *  - the caller sees the agreement, and the new key is its own credential's box key (so a
 *    wrap can never be pointed at a third party's key);
 *  - the holder of the old wrap — the caller or an earlier regulator credential of the
 *    same organisation — signed the rotation with its signing key, which lives in the same
 *    key file as the old box key: only who holds that file can ask.
 * A wrong box harms only the caller (it will not open), and the old wrap stays.
 */
@Injectable()
export class AddWrapUseCase {
  constructor(
    @Inject(AgreementStore) private readonly store: AgreementStore,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
  ) {}

  async execute(caller: Caller, command: AddWrapCommand): Promise<WrapRecord> {
    const id = resolveAgreementId(command.id, this.chain);
    const agreement = await this.store.findVisibleAgreement(caller, id);
    if (!agreement) throw new DomainError(ErrorCode.NotFound, `no agreement ${id}`);
    if (caller.role !== 'regulator')
      throw new DomainError(ErrorCode.Forbidden, 'only a regulator rotates its key');
    checkBox(command.box);
    const fromId = command.fromCredentialId ?? caller.credentialId;
    const [me, from] = await this.credentials(caller.credentialId, fromId);
    const newKeyId = keyId(fromHex(me.boxKey, 32));
    if (command.newKeyId !== newKeyId) {
      throw bad('newKeyId', `must be the key id of your credential's box key, ${newKeyId}`);
    }
    const wraps = await this.store.findWraps(id);
    const existing = wraps.find((w) => w.keyId === newKeyId);
    if (existing) {
      if (existing.box === command.box) return existing;
      throw new DomainError(ErrorCode.Conflict, 'a wrap for this key already exists');
    }
    const fromKeyId = keyId(fromHex(from.boxKey, 32));
    const old = wraps.find((w) => w.keyId === fromKeyId);
    const sameHolder =
      from.id === me.id ||
      (from.role === 'regulator' &&
        from.organizationId !== null &&
        from.organizationId === me.organizationId);
    if (!old || !sameHolder) {
      throw new DomainError(
        ErrorCode.NotARecipient,
        'no wrap of yours (or of your earlier credential) to rotate from',
      );
    }
    const message = addWrapMessage(id, newKeyId, agreement.sealedDigest, command.box);
    if (
      !isHex(command.proof, 64) ||
      !ed25519Verify(message, fromHex(command.proof, 64), fromHex(from.signingKey, 32))
    ) {
      throw new DomainError(
        ErrorCode.InvalidSignature,
        "the proof is not the old credential's signature of this rotation",
      );
    }
    const wrap: WrapRecord = { keyId: newKeyId, credentialId: me.id, box: command.box };
    await this.store.insertWrap(id, wrap, {
      action: 'sealed.add_wrap',
      actor: caller,
      agreementId: id,
      detail: { keyId: newKeyId, fromKeyId, fromCredentialId: from.id },
    });
    return wrap;
  }

  private async credentials(callerId: string, fromId: string): Promise<[CredentialRecord, CredentialRecord]> {
    if (!isHex(fromId, 32)) throw bad('fromCredentialId', 'must be a credential id (0x + 64 hex)');
    const found = await this.store.findCredentials([...new Set([callerId, fromId])]);
    const me = found.find((c) => c.id === callerId);
    const from = found.find((c) => c.id === fromId);
    if (!me) throw new DomainError(ErrorCode.CredentialUnknown, 'your credential is unknown');
    if (!from) throw new DomainError(ErrorCode.CredentialUnknown, `no credential ${fromId}`);
    return [me, from];
  }
}

function checkBox(box: string): void {
  try {
    if (fromBase64(box, 'box').length === SEALED_BOX_OVERHEAD + DATA_KEY_LENGTH) return;
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
  }
  throw bad('box', `must be a base64 sealed box of a ${DATA_KEY_LENGTH}-byte data key`);
}

function bad(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.BadInput, `${field}: ${message}`, { field });
}
