import { randomBytes } from 'node:crypto';

/**
 * Where fresh bytes come from. Injectable so that the test vectors can pin every salt,
 * nonce, data key and ephemeral key; production always uses the operating system's CSPRNG.
 */
export type RandomSource = (length: number) => Uint8Array;

export const systemRandom: RandomSource = (length) => new Uint8Array(randomBytes(length));

/** A 32-byte salt for the commitment: it is what hides the text behind the commitment. */
export function randomSalt(random: RandomSource = systemRandom): Uint8Array {
  return random(32);
}

/** A 32-byte nonce for the agreement id, so that two identical deals get two ids. */
export function randomNonce(random: RandomSource = systemRandom): Uint8Array {
  return random(32);
}

/** Replays a fixed list of byte strings, in order; for test vectors only. */
export function replayRandom(chunks: Uint8Array[]): RandomSource {
  let next = 0;
  return (length) => {
    const chunk = chunks[next++];
    if (chunk === undefined || chunk.length !== length) {
      throw new Error(`replayRandom: draw ${next} wants ${length} bytes, have ${chunk?.length ?? 'none'}`);
    }
    return chunk;
  };
}
