import { ThrottlerStorageService } from '@nestjs/throttler';
import { SlidingWindowStorage } from './sliding-window.storage';

const TTL = 60_000;

function clockAt(start: number) {
  const clock = { now: start, advance: (ms: number) => (clock.now += ms) };
  return clock;
}

describe('SlidingWindowStorage', () => {
  afterEach(() => jest.useRealTimers());

  it('counts a hit for the window, then forgets it', async () => {
    const clock = clockAt(1_000_000);
    const storage = new SlidingWindowStorage(() => clock.now);
    await storage.increment('k', TTL, 10, TTL, 'default');
    clock.advance(30_000);
    expect((await storage.increment('k', TTL, 10, TTL, 'default')).totalHits).toBe(2);
    clock.advance(30_000);
    expect((await storage.increment('k', TTL, 10, TTL, 'default')).totalHits).toBe(2);
    storage.onApplicationShutdown();
  });

  it('keeps keys and throttlers apart', async () => {
    const storage = new SlidingWindowStorage(() => 5_000);
    await storage.increment('a', TTL, 10, TTL, 'default');
    await storage.increment('a', TTL, 10, TTL, 'verify');
    expect((await storage.increment('b', TTL, 10, TTL, 'default')).totalHits).toBe(1);
    expect((await storage.increment('a', TTL, 10, TTL, 'default')).totalHits).toBe(2);
    storage.onApplicationShutdown();
  });

  it('counts a weight whole, and blocks a weight that overruns the limit', () => {
    const clock = clockAt(2_000_000);
    const storage = new SlidingWindowStorage(() => clock.now);
    expect(storage.incrementBy(30, 'k', TTL, 40, TTL, 'default')).toMatchObject({
      totalHits: 30,
      isBlocked: false,
    });
    expect(storage.incrementBy(11, 'k', TTL, 40, TTL, 'default')).toMatchObject({
      totalHits: 41,
      isBlocked: true,
      timeToBlockExpire: 60,
    });
    clock.advance(TTL);
    // The block is over: the count starts again from this call alone.
    expect(storage.incrementBy(5, 'k', TTL, 40, TTL, 'default')).toMatchObject({
      totalHits: 5,
      isBlocked: false,
    });
    storage.onApplicationShutdown();
  });

  it('holds a bounded number of buckets however many hits a key takes', () => {
    const clock = clockAt(3_000_000);
    const storage = new SlidingWindowStorage(() => clock.now);
    let last = storage.incrementBy(1, 'k', TTL, 1e9, TTL, 'default');
    // 200,000 hits over two minutes: 1,667 a second.
    for (let i = 1; i < 200_000; i++) {
      clock.advance(0.6);
      last = storage.incrementBy(1, 'k', TTL, 1e9, TTL, 'default');
    }
    expect(last.totalHits).toBeGreaterThanOrEqual(100_000);
    expect(last.totalHits).toBeLessThanOrEqual(100_000 + 170);
    expect(storage.bucketCount('k', 'default')).toBeLessThanOrEqual(TTL / 100 + 1);
    storage.onApplicationShutdown();
  });

  it("answers as throttler's own storage does, call for call", async () => {
    jest.useFakeTimers({ now: 4_000_000 });
    const theirs = new ThrottlerStorageService();
    const ours = new SlidingWindowStorage();
    // A seeded walk of calls 100 ms apart or more, over several keys, limits and blocks.
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let call = 0; call < 3000; call++) {
      jest.advanceTimersByTime(100 * Math.floor(random() * 40));
      const key = `k${Math.floor(random() * 3)}`;
      const ttl = 1000 * (1 + Math.floor(random() * 3));
      const block = random() < 0.5 ? ttl : 2 * ttl;
      const args = [key, ttl, 8, block, 'default'] as const;
      expect(await ours.increment(...args)).toEqual(await theirs.increment(...args));
    }
    theirs.onApplicationShutdown();
    ours.onApplicationShutdown();
  });
});
