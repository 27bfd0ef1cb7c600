import { caught } from './caught.spec-helper';
import { FormatErrorCode } from './format.error';
import { parseIJson } from './ijson.codec';

describe('I-JSON parsing (FORMATS.md §1)', () => {
  it('reads JSON as JSON.parse does, numbers as binary64', () => {
    expect(parseIJson('{"a":[1,{"b":"x,\\"}{"}],"c":1e300}')).toEqual({ a: [1, { b: 'x,"}{' }], c: 1e300 });
    expect(parseIJson('[{"a":1},{"a":2}]')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(parseIJson('{"a":{"a":1}}')).toEqual({ a: { a: 1 } });
  });

  it('refuses a duplicate member name, escaped or not, at any depth', () => {
    for (const text of ['{"a":1,"a":2}', '{"x":[{"b":1,"b":1}]}', '{"a":1,"\\u0061":2}']) {
      const error = caught(() => parseIJson(text, 'receipt'));
      expect(error).toMatchObject({ code: FormatErrorCode.INVALID_JSON, path: 'receipt' });
    }
  });

  it('refuses text that is not JSON, and a number beyond binary64', () => {
    expect(caught(() => parseIJson('{"c":1e400}'))).toMatchObject({ code: FormatErrorCode.INVALID_JSON });
    expect(caught(() => parseIJson('{"a":'))).toMatchObject({ code: FormatErrorCode.INVALID_JSON });
  });
});
