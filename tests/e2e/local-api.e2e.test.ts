import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer, type LocalServer } from './support/local-server';
import { cleanPhoto } from '../../cloudfunctions/capabilities/uploads/uploads';
import { PNG } from '../support/photos';

jest.setTimeout(60_000);

const dataDir = mkdtempSync(join(tmpdir(), 'rider-hub-api-'));
let server: LocalServer;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function post(path: string, body: string, openid?: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'X-Rider-Hub-User': openid } : {}) },
    body,
  });
  return { status: res.status, json: await res.json() };
}

describe('npm run api on an empty database', () => {
  it('starts with RIDER_HUB_SEED=none and the configured admin', async () => {
    server = await startLocalServer({ command: 'api', dataDir, seed: 'none', admin: 'boss' });
    const tree = await post('/api/orgs', JSON.stringify({ action: 'tree' }), 'someone');
    expect(tree).toEqual({ status: 200, json: { ok: true, data: { orgs: [] } } });
    const me = await post('/api/account', JSON.stringify({ action: 'me' }), 'boss');
    expect(me.json).toMatchObject({ ok: true, data: { user: { roles: ['rider', 'admin'] } } });
  });

  it('answers 404 for an unknown function, 400 for a body that is not JSON, 413 past 64 KB, 200 otherwise', async () => {
    expect((await post('/api/nope', '{}', 'someone')).status).toBe(404);
    expect((await post('/api/orgs', '{not json', 'someone')).status).toBe(400);
    expect((await post('/api/orgs', JSON.stringify({ action: 'tree', pad: 'x'.repeat(70_000) }), 'someone')).status).toBe(413);
    expect(await post('/api/orgs', JSON.stringify({ action: 'tree' }))).toEqual({
      status: 200,
      json: { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
    });
    expect((await post('/api/orgs', JSON.stringify({ action: 'fly' }), 'someone')).json).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('keeps uploaded photos in place of cloud storage: whole images only, re-encoded, for known callers only', async () => {
    const photo = PNG;
    const upload = (openid?: string, body: Uint8Array = photo) =>
      fetch(`${server.url}/files`, {
        method: 'POST',
        headers: { 'content-type': 'image/png', ...(openid ? { 'X-Rider-Hub-User': openid } : {}) },
        body: new Uint8Array(body),
      });
    expect(await (await upload('stranger')).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await post('/api/account', JSON.stringify({ action: 'me' }), 'someone');
    const stored = (await (await upload('someone')).json()) as { ok: boolean; data: { url: string } };
    expect(stored.data.url).toMatch(/^\/files\/[\w-]+\.png$/);
    const served = await fetch(`${server.url}${stored.data.url}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(cleanPhoto(photo).bytes);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await (await upload()).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    expect(await (await upload('someone', html)).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // A PNG signature followed by markup is not an image.
    expect(await (await upload('someone', Buffer.concat([photo.subarray(0, 8), html]))).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await upload('someone', Buffer.concat([photo, Buffer.alloc(5 * 1024 * 1024)]))).status).toBe(413);
    expect((await fetch(`${server.url}/files/..%2Frider-hub.db`)).status).toBe(404);
    expect((await fetch(`${server.url}/files/%E0%A4%A`)).status).toBe(404);
  });

  it('takes an identity header of OPENID size only, and keeps its data readable by its owner only', async () => {
    expect((await post('/api/account', JSON.stringify({ action: 'me' }), 'x'.repeat(12_000))).json).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(statSync(dataDir).mode & 0o077).toBe(0);
    for (const file of readdirSync(dataDir).filter((f) => !statSync(join(dataDir, f)).isDirectory())) {
      expect({ file, mode: statSync(join(dataDir, file)).mode & 0o077 }).toEqual({ file, mode: 0 });
    }
  });

  it('says in one line, without a stack, that a busy port is taken', () => {
    const port = new URL(server.url).port;
    const other = mkdtempSync(join(tmpdir(), 'rider-hub-busy-'));
    try {
      const run = spawnSync(join(__dirname, '../../node_modules/.bin/tsx'), ['server/api.ts'], {
        cwd: join(__dirname, '../..'),
        env: { ...process.env, PORT: port, RIDER_HUB_DATA: other, RIDER_HUB_SEED: 'none' },
        encoding: 'utf8',
        timeout: 50_000,
      });
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toEqual([
        `端口 ${port} 已被占用，请关闭占用它的程序或换一个端口（PORT=${Number(port) + 1} npm start） / port ${port} is already in use: stop what uses it or set PORT to another port`,
      ]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('stops cleanly on SIGTERM and keeps acknowledged writes', async () => {
    const created = await post('/api/orgs', JSON.stringify({ action: 'create', name: '测试团委', kind: 'district' }), 'boss');
    expect(created.json).toMatchObject({ ok: true });
    expect(await server.stop()).toBe(0);
    server = await startLocalServer({ command: 'api', dataDir, seed: 'none', admin: 'boss' });
    const tree = await post('/api/orgs', JSON.stringify({ action: 'tree' }), 'someone');
    expect(tree.json).toMatchObject({ ok: true, data: { orgs: [{ name: '测试团委', kind: 'district' }] } });
    expect(await server.stop()).toBe(0);
  });
});
