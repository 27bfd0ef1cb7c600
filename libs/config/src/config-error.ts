/** A setting that stops start-up. The message always names the variable. */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}
