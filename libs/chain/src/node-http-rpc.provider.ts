import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { JsonRpcProvider, type JsonRpcApiProviderOptions, type JsonRpcPayload, type JsonRpcResult } from 'ethers';

/** Long enough for a slow node, short enough that a hung connection does not stall the worker. */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * A JsonRpcProvider whose transport is node:http(s) with keep-alive and the runtime's
 * own UTF-8 and JSON code. ethers' FetchRequest converts every body to and from bytes
 * in JavaScript: with a batch receipt of hundreds of logs, that conversion was the
 * largest part of the anchor worker's CPU (profiled under bench:deposit). `_send` is
 * the method ethers documents for sub-classes to replace the transport; everything
 * above it (batching, error mapping, formatting) is ethers' own.
 */
export class NodeHttpJsonRpcProvider extends JsonRpcProvider {
  private readonly endpoint: URL;
  private readonly agent: HttpAgent;

  constructor(url: string, network?: number, options?: JsonRpcApiProviderOptions) {
    super(url, network, options);
    this.endpoint = new URL(url);
    this.agent =
      this.endpoint.protocol === 'https:'
        ? new HttpsAgent({ keepAlive: true })
        : new HttpAgent({ keepAlive: true });
  }

  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    const text = await this.post(JSON.stringify(payload));
    const parsed = JSON.parse(text) as JsonRpcResult | JsonRpcResult[];
    return Array.isArray(parsed) ? parsed : [parsed];
  }

  override destroy(): void {
    this.agent.destroy();
    super.destroy();
  }

  private post(body: string): Promise<string> {
    const url = this.endpoint;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(
        {
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          agent: this.agent,
          auth: url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          timeout: REQUEST_TIMEOUT_MS,
        },
        (response: IncomingMessage) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = response.statusCode ?? 0;
            // As ethers' FetchResponse.assertOk: a JSON-RPC error comes back as 200 with an error member.
            if (status < 200 || status >= 300) {
              reject(new Error(`JSON-RPC request to ${url.host} failed: HTTP ${status} ${text.slice(0, 200)}`));
              return;
            }
            resolve(text);
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error(`JSON-RPC request to ${url.host} timed out`)));
      request.on('error', reject);
      request.end(body);
    });
  }
}
