/**
 * Rounds of background work with a pause between them that `stop()` cuts short. The round
 * says how long to pause; it handles its own errors (a loop never dies of one).
 */
export class BackgroundLoop {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly round: () => Promise<number>) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the current round and returns once the loop has ended. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const pause = await this.round();
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, pause);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
    }
  }
}
