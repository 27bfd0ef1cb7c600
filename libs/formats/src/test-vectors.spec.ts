import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { courtVectors } from './test-vectors-court.fixture';
import { vectors } from './test-vectors.fixture';

// UPDATE_VECTORS=1 npx jest libs/formats/src/test-vectors rewrites the files; otherwise
// every file must be reproduced exactly, from its own inputs.
const dir = join(__dirname, '..', 'test-vectors');
const update = process.env.UPDATE_VECTORS === '1';

describe('test vectors', () => {
  for (const [name, vector] of Object.entries({ ...vectors, ...courtVectors })) {
    it(`${name}.json is reproduced from its inputs`, () => {
      const file = join(dir, `${name}.json`);
      const expected = {
        description: vector.description,
        inputs: vector.inputs,
        outputs: vector.compute(vector.inputs),
      };
      const json = JSON.parse(JSON.stringify(expected)) as typeof expected;
      if (update) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
      }
      const stored = JSON.parse(readFileSync(file, 'utf8')) as typeof expected;
      // From the file's own inputs, not ours: the file is the contract an outside verifier reads.
      expect(JSON.parse(JSON.stringify(vector.compute(stored.inputs)))).toEqual(stored.outputs);
      expect(stored).toEqual(json);
    });
  }
});
