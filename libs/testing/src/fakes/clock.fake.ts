import { Clock } from '@signet/domain';

/** A Clock that says what the test sets `at` to, for rules that turn on the date (retention months). */
export class FixedClock extends Clock {
  constructor(public at: Date) {
    super();
  }

  now(): Date {
    return this.at;
  }
}
