/** A failure on the party's side (before or after talking to Signet), with a stable code. */
export class SdkError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SdkError';
  }
}
