/** The time retention decides by (schedules, epochs, the minimum); tests move it forward. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
