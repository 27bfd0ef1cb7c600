import { readFileSync } from 'node:fs';
import { Clock, SystemClock } from '@signet/domain';

/**
 * Tests only (SIGNET_TEST_CLOCK_FILE, refused unless NODE_ENV=test): the system time plus
 * the milliseconds the file holds, read on every call, so a test moves the service's
 * retention clock forward by writing the file.
 */
export class OffsetFileClock extends Clock {
  constructor(private readonly file: string) {
    super();
  }

  now(): Date {
    let offset = 0;
    try {
      offset = Number(readFileSync(this.file, 'utf8').trim()) || 0;
    } catch {
      offset = 0;
    }
    return new Date(Date.now() + offset);
  }
}

export function clockFor(testClockFile: string | undefined): Clock {
  return testClockFile ? new OffsetFileClock(testClockFile) : new SystemClock();
}
