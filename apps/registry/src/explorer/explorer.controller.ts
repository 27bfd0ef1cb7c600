import { Controller, Get, Header, HttpException, HttpStatus, Inject, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { SignetConfig } from '@signet/config';
import { Public } from '../auth/public.decorator';
import { SIGNET_CONFIG } from '../bootstrap/tokens';
import { explorerAsset, linksPage } from './explorer-assets';

/**
 * `GET /links`: where to go from here (`/` itself opens the verification page);
 * `/explorer/*`: GraphiQL's files (GET /graphql shows it).
 */
@Controller()
export class ExplorerController {
  constructor(@Inject(SIGNET_CONFIG) private readonly config: SignetConfig) {}

  @Get('links')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  links(): string {
    return linksPage(this.config.graphiql);
  }

  @Get('explorer/:asset')
  @Public()
  asset(@Param('asset') name: string, @Res() reply: FastifyReply): void {
    const asset = this.config.graphiql ? explorerAsset(name) : undefined;
    if (!asset) throw new HttpException('not found', HttpStatus.NOT_FOUND);
    void reply
      .header('content-type', asset.type)
      .header('cache-control', 'public, max-age=3600')
      .send(asset.body);
  }
}
