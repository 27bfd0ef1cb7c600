import { setFlagsFromString } from 'node:v8';
import { tuneGarbageCollection } from './gc-tuning';

jest.mock('node:v8', () => ({ setFlagsFromString: jest.fn() }));
const setFlags = jest.mocked(setFlagsFromString);

describe('tuneGarbageCollection', () => {
  const nodeOptions = process.env.NODE_OPTIONS;
  afterEach(() => {
    setFlags.mockClear();
    if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = nodeOptions;
  });

  it('gives the roles that answer requests a factor of 3, the worker 1.5', () => {
    delete process.env.NODE_OPTIONS;
    tuneGarbageCollection('api');
    tuneGarbageCollection('all');
    tuneGarbageCollection('worker');
    expect(setFlags.mock.calls).toEqual([
      ['--heap-growing-percent=200'],
      ['--heap-growing-percent=200'],
      ['--heap-growing-percent=50'],
    ]);
  });

  it("leaves an operator's own --heap-growing-percent alone", () => {
    process.env.NODE_OPTIONS = '--heap-growing-percent=0';
    tuneGarbageCollection('worker');
    tuneGarbageCollection('api');
    expect(setFlags).not.toHaveBeenCalled();
  });
});
