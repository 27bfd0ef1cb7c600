import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, Param, Redirect, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, ErrorCode } from '@signet/domain';
import { Public } from '../auth/public.decorator';

/** Where `npm run build` puts the page (scripts/build-verify-page.ts): dist/verify-page. */
const PAGE_DIR = join(__dirname, '..', '..', '..', '..', 'verify-page');

const CONTENT_TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'verify-page.js': 'text/javascript; charset=utf-8',
  'verify-page.css': 'text/css; charset=utf-8',
};

/**
 * The page may load only its own files and talk to its own origin (GraphQL, for the
 * prefilled RPC URL and the optional fallback) and to whichever chain endpoint the person
 * types: hence connect-src is open and everything else is 'self' or nothing.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  'connect-src *',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The public verification page (docs/VERIFY-PAGE.md): static files, read once. */
@Controller()
export class VerifyPageController {
  private readonly files = new Map<string, Buffer>();

  @Get()
  @Public()
  @Redirect('/verify', 302)
  root(): void {}

  @Get('verify')
  @Public()
  page(@Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, 'index.html');
  }

  @Get('verify/:file')
  @Public()
  @Header('Cache-Control', 'no-cache')
  asset(@Param('file') file: string, @Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, file);
  }

  private send(reply: FastifyReply, name: string): FastifyReply {
    const type = CONTENT_TYPES[name];
    if (type === undefined) throw new DomainError(ErrorCode.NotFound, `no such file: /verify/${name}`);
    let body = this.files.get(name);
    if (body === undefined) {
      try {
        body = readFileSync(join(PAGE_DIR, name));
      } catch {
        throw new DomainError(ErrorCode.NotFound, 'the verification page is not built: run `npm run build`');
      }
      this.files.set(name, body);
    }
    return reply
      .header('Content-Type', type)
      .header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer')
      .send(body);
  }
}
