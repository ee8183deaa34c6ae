/**
 * The browser harness: serves the built renderer and the real core router on 127.0.0.1, so Vigil
 * runs in any Chromium where Electron cannot. A random token in every path keeps other local
 * pages from talking to it. Test and preview use only: never shipped.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { type Core, startCore } from '../../electron/core/index';
import type { KeyProtection } from '../../electron/core/signing';

const repoRoot = resolve(import.meta.dirname, '../..');
export const MIGRATIONS_DIR = join(repoRoot, 'electron/core/db/migrations');
export const RENDERER_DIR = join(repoRoot, 'out/renderer');
export const RESOURCES_DIR = join(repoRoot, 'resources');
const BRIDGE = readFileSync(join(import.meta.dirname, 'bridge.js'), 'utf8');
const VERSION = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export type Harness = { url: string; origin: string; core: Core; close: () => Promise<void> };

// 40 MiB: a 25 MiB evidence file is about 33.4 MiB as base64 inside its JSON request.
async function readBody(request: IncomingMessage, limit = 40 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHarness(options: {
  dataDir: string;
  port?: number;
  /** How the signing key is protected; by default the passphrase in VIGIL_SIGNING_PASSPHRASE. */
  keyProtection?: KeyProtection;
  /** Daily and on-close backups, as the app takes them; off for tests, which open many stores. */
  rollingBackups?: boolean;
}): Promise<Harness> {
  const token = randomBytes(16).toString('hex');
  const streams = new Set<ServerResponse>();
  const core = startCore({
    dataDir: options.dataDir,
    migrationsDir: MIGRATIONS_DIR,
    resourcesDir: RESOURCES_DIR,
    version: VERSION,
    transport: 'harness',
    rollingBackups: options.rollingBackups ?? false,
    ...(options.keyProtection ? { keyProtection: options.keyProtection } : {}),
    emit: (event, payload) => {
      for (const stream of streams) stream.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    },
  });
  let host = '';

  const serveFile = async (relative: string, response: ServerResponse) => {
    const path = normalize(join(RENDERER_DIR, relative || 'index.html'));
    if (!path.startsWith(RENDERER_DIR + sep)) return void response.writeHead(404).end();
    try {
      let body: Buffer | string = await readFile(path);
      if (path.endsWith('index.html')) {
        // The bridge must define window.api before the app's module script runs.
        body = body.toString('utf8').replace('<script', '<script src="./__harness/bridge.js"></script>\n    <script');
      }
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    // Refuse other hosts (DNS rebinding) and any path without the token.
    if (request.headers.host !== host) return void response.writeHead(403).end();
    const url = new URL(request.url ?? '/', `http://${host}`);
    const prefix = `/${token}/`;
    if (!url.pathname.startsWith(prefix)) return void response.writeHead(404).end();
    const rest = url.pathname.slice(prefix.length);
    if (rest === 'api/invoke' && request.method === 'POST') {
      let result: unknown;
      try {
        const { method, input } = JSON.parse(await readBody(request)) as { method: unknown; input: unknown };
        result = await core.router.invokeAsync(method, input);
      } catch {
        result = { ok: false, error: { code: 'INVALID_INPUT', message: 'The request was not valid JSON.' } };
      }
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      return void response.end(JSON.stringify(result));
    }
    if (rest === 'api/events') {
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (rest === '__harness/bridge.js') {
      response.writeHead(200, { 'content-type': CONTENT_TYPES['.js'] ?? '' });
      return void response.end(BRIDGE);
    }
    return serveFile(decodeURIComponent(rest), response);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  const origin = `http://${host}`;
  return {
    url: `${origin}/${token}/`,
    origin,
    core,
    close: async () => {
      for (const stream of streams) stream.end();
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
      await core.closeWithBackup();
    },
  };
}
