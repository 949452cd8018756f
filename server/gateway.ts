import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Deps, Router } from '../cloudfunctions/core/runtime';
import { FUNCTIONS } from '../cloudfunctions/functions';
import { acceptUpload, cleanPhoto, UPLOAD_MAX_BYTES } from '../cloudfunctions/capabilities/uploads/uploads';
import { AppError } from '../cloudfunctions/core/errors';
import { findUser } from '../cloudfunctions/core/identity';

const MAX_BODY = 64 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is drained unread, so the client still gets its 413.
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolveBody(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function handleApi(req: IncomingMessage, res: ServerResponse, functions: Readonly<Record<string, Router>>, fn: string, deps: Deps): Promise<void> {
  const router = Object.hasOwn(functions, fn) ? functions[fn] : undefined;
  if (!router) return send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: '没有这个功能' } });
  if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: '请使用 POST' } });
  const body = await readBody(req, MAX_BODY);
  if (body === null) return send(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: '请求内容过大' } });
  let event: unknown;
  try {
    event = JSON.parse(body.toString('utf8'));
  } catch {
    return send(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: '请求内容不是 JSON' } });
  }
  send(res, 200, await router.handle(event, { openid: callerOf(req) }, deps));
}

/** The names this gateway answers to: it listens on the loopback address only. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether a request was addressed to this gateway by one of its own names. Local mode trusts the identity header, so
 * a page whose own name an attacker rebinds to 127.0.0.1 (DNS rebinding) must not be answered: its requests carry
 * that name in Host.
 */
export function addressedHere(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.toLowerCase().replace(/:\d{1,5}$/, '');
  return LOCAL_HOSTS.has(name);
}

/** An OPENID-like identity: printable ASCII, at most 128 characters; anything else is no identity at all. */
const IDENTITY = /^[\x21-\x7e]{1,128}$/;

function callerOf(req: IncomingMessage): string | null {
  const header = req.headers['x-rider-hub-user'];
  return typeof header === 'string' && IDENTITY.test(header.trim()) ? header.trim() : null;
}

/**
 * Local mode's stand-in for cloud storage: a known caller stores a photo and gets the path it is served at. The
 * content must decode as a whole image, within the size cap and the caller's daily quota, or nothing is kept; what
 * is kept is the image re-encoded.
 */
async function uploadPhoto(req: IncomingMessage, res: ServerResponse, filesDir: string, deps: Deps): Promise<void> {
  const openid = callerOf(req);
  const owner = openid ? await findUser(deps.store, openid, deps.secrets.fieldKey) : null;
  if (!owner) return send(res, 200, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
  const photo = await readBody(req, UPLOAD_MAX_BYTES);
  if (photo === null) return send(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: '照片太大，请压缩后再传' } });
  try {
    const clean = cleanPhoto(photo);
    const name = `${randomBytes(12).toString('base64url')}.${clean.type}`;
    const url = `/files/${name}`;
    await acceptUpload(deps.store, owner, url, clean, deps.now());
    mkdirSync(filesDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(filesDir, name), clean.bytes, { mode: 0o600 });
    send(res, 200, { ok: true, data: { url } });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    send(res, 200, { ok: false, error: { code: error.code, message: error.message } });
  }
}

function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** Serves a file below root; an unknown path gets `fallback` (the H5 app shell, whose router resolves it) or 404. */
function serveFile(res: ServerResponse, root: string, path: string, fallback?: string): void {
  const file = resolve(join(root, normalize(path)));
  const found = file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile();
  const target = found ? file : fallback;
  if (!target || !existsSync(target)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(fallback ? 'H5 app not built: run npm run build:h5' : 'not found');
    return;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
    'cache-control': target.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(target).pipe(res);
}

export interface GatewayOptions {
  /** Where uploaded photos are kept (served under /files/). */
  filesDir: string;
  /** The built H5 app, when it is served too. */
  staticDir?: string;
  /** The routers served under /api/<fn>: the module list's (cloudfunctions/functions.ts) unless given. */
  functions?: Readonly<Record<string, Router>>;
}

/**
 * The local gateway: `POST /api/<fn>` through the same handlers as the cloud, photo uploads in place of cloud
 * storage, and the H5 app when staticDir is set.
 */
export function createGateway(deps: Deps, { filesDir, staticDir, functions = FUNCTIONS }: GatewayOptions): Server {
  const root = staticDir ? resolve(staticDir) : undefined;
  const files = resolve(filesDir);
  return createServer((req, res) => {
    if (!addressedHere(req.headers.host)) {
      return send(res, 421, { ok: false, error: { code: 'FORBIDDEN', message: '本地服务只接受 127.0.0.1 或 localhost 的访问' } });
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const fail = () => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: '服务开小差了，请稍后再试' } });
    };
    if (url.pathname === '/files' && req.method === 'POST') {
      uploadPhoto(req, res, files, deps).catch(fail);
      return;
    }
    const path = safeDecode(url.pathname);
    if (path.startsWith('/files/') && req.method === 'GET') return serveFile(res, files, path.slice('/files/'.length));
    const fn = /^\/api\/([\w-]+)\/?$/.exec(url.pathname)?.[1];
    if (fn) {
      handleApi(req, res, functions, fn, deps).catch(fail);
      return;
    }
    if (root && (req.method === 'GET' || req.method === 'HEAD')) return serveFile(res, root, path, join(root, 'index.html'));
    send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: '没有这个地址' } });
  });
}
