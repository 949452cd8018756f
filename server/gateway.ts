import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { Deps } from '../cloudfunctions/core/runtime';
import { FUNCTIONS } from './functions';

const MAX_BODY = 64 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is drained unread, so the client still gets its 413.
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolveBody(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handleApi(req: IncomingMessage, res: ServerResponse, fn: string, deps: Deps): Promise<void> {
  const router = Object.hasOwn(FUNCTIONS, fn) ? FUNCTIONS[fn] : undefined;
  if (!router) return send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: '没有这个功能' } });
  if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: '请使用 POST' } });
  const text = await readBody(req);
  if (text === null) return send(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: '请求内容过大' } });
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    return send(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: '请求内容不是 JSON' } });
  }
  const header = req.headers['x-rider-hub-user'];
  const openid = typeof header === 'string' && header.trim() ? header.trim() : null;
  send(res, 200, await router.handle(event, { openid }, deps));
}

function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): void {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  const file = resolve(join(root, normalize(path)));
  const inside = file.startsWith(root) && existsSync(file) && statSync(file).isFile();
  // Unknown paths get the app shell: the H5 router resolves them.
  const target = inside ? file : join(root, 'index.html');
  if (!existsSync(target)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('H5 app not built: run npm run build:h5');
    return;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
    'cache-control': target.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
  });
  createReadStream(target).pipe(res);
}

/** The local gateway: `POST /api/<fn>` through the same handlers as the cloud, and the H5 app when staticDir is set. */
export function createGateway(deps: Deps, staticDir?: string): Server {
  const root = staticDir ? resolve(staticDir) : undefined;
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const api = /^\/api\/([\w-]+)\/?$/.exec(url.pathname);
    if (api) {
      handleApi(req, res, api[1], deps).catch(() => {
        if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: '服务开小差了，请稍后再试' } });
      });
      return;
    }
    if (root && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(req, res, root);
    send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: '没有这个地址' } });
  });
}
