import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, loadConfig, type SignetConfig } from '@signet/config';
import { AppModule } from './app.module';
import { ensureOperatorKey } from './bootstrap/operator-key';
import { tuneGarbageCollection } from './bootstrap/gc-tuning';
import { startRuntime } from './bootstrap/embedded-runtime';
import { roleFromArgs } from './bootstrap/role-arg';
import { serveExplorerAtGraphql } from './explorer/explorer.hook';
import {
  removeEndpointFile,
  startupSummary,
  summaryText,
  writeEndpointFile,
} from './bootstrap/startup-summary';
import { createRootLogger, PinoLoggerService } from './observability/pino-logger';

async function main(): Promise<void> {
  let config: SignetConfig;
  try {
    config = loadConfig({
      ...process.env,
      SIGNET_ROLE: roleFromArgs(process.argv) ?? process.env.SIGNET_ROLE,
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`signet: cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  tuneGarbageCollection(config.role);
  const logger = createRootLogger(config.logLevel);
  const runtime = await startRuntime(config, logger);
  await ensureOperatorKey(runtime.settings.operatorKeyFile, logger);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ config, settings: runtime.settings, logger }),
    new FastifyAdapter({ bodyLimit: 8 * 1024 * 1024 }),
    // Fastify's own JSON parser only: Nest's default adds a form parser, and a browser can post
    // a form cross-site (CSRF). Other media types are refused as UNSUPPORTED_MEDIA_TYPE.
    { logger: new PinoLoggerService(logger), bodyParser: false },
  );
  if (config.graphiql) serveExplorerAtGraphql(app.getHttpAdapter().getInstance());
  await app.listen(config.port, config.host);
  const summary = startupSummary(await app.getUrl(), config, runtime.settings);
  await writeEndpointFile(summary);
  logger.info({ ...summary, role: config.role }, summaryText(summary));

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void (async () => {
      await app.close().catch((error: unknown) => logger.error({ error }, 'closing the app failed'));
      logger.debug('app closed');
      await removeEndpointFile(config.dataDir).catch(() => undefined);
      await runtime.stop();
      logger.info('stopped');
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `signet: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
