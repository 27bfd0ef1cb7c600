import { readFile } from 'node:fs/promises';
import { parseKeyPair, toHex, type SignetKeyPair } from '@signet/formats';

/**
 * The operator's key, read from the file created on first start. It signs every credential
 * document; the operator's own credential row (made at start-up) holds its public half.
 */
export class OperatorIdentity {
  constructor(readonly keys: SignetKeyPair) {}

  get signingKey(): string {
    return toHex(this.keys.signing.publicKey);
  }

  get boxKey(): string {
    return toHex(this.keys.box.publicKey);
  }

  static async fromFile(file: string): Promise<OperatorIdentity> {
    return new OperatorIdentity(parseKeyPair(await readFile(file, 'utf8')));
  }
}
