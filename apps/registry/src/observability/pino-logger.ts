import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs, or pino-pretty's human lines when stdout is a terminal. Secrets
 * never reach a log call in the first place; the redact list is a second line of defence
 * for fields that would hold one by name.
 */
export function createRootLogger(level: string, pretty = process.stdout.isTTY === true): Logger {
  return pino({
    level,
    base: { service: 'signet' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname,service' } } } : {}),
    redact: {
      paths: [
        '*.secretKey',
        '*.privateKey',
        '*.anchorPrivateKey',
        '*.secretAccessKey',
        '*.password',
        '*.token',
        '*.blob',
        '*.box',
      ],
      censor: '[redacted]',
    },
  });
}

/** Adapts pino to Nest's logger interface so framework messages are JSON too. */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
