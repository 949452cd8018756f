/**
 * Local mode trusts its identity header, so it answers only requests addressed to its own names: a page that rebinds
 * its name to 127.0.0.1 (DNS rebinding) gets nothing, not even the app.
 */
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { addressedHere, createGateway } from '../../server/gateway';
import { ADMIN, createHarness, type Harness } from '../support/harness';

let h: Harness;
let server: Server;
let port = 0;
let dir = '';

beforeAll(async () => {
  h = await createHarness();
  dir = mkdtempSync(join(tmpdir(), 'rider-hub-host-'));
  server = createGateway(h.deps, { filesDir: join(dir, 'files') });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
  await h.close();
});

function post(host: string | undefined, path = '/api/account'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ action: 'me' });
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        setHost: false,
        headers: { ...(host ? { host } : {}), 'x-rider-hub-user': ADMIN, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the local gateway’s Host check', () => {
  it('answers its own names', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', `[::1]:${port}`, `LOCALHOST:${port}`]) {
      const res = await post(host);
      expect({ host, status: res.status, ok: JSON.parse(res.body).ok }).toEqual({ host, status: 200, ok: true });
    }
  });

  it('refuses any other name before reading the identity', async () => {
    // Without a Host header Node itself refuses the request (400).
    expect((await post(undefined)).status).toBe(400);
    for (const host of [
      'rebind.attacker.example',
      `rebind.attacker.example:${port}`,
      '127.0.0.1.nip.io',
      'localhost.attacker.example',
      '127.0.0.2',
      '0.0.0.0',
    ]) {
      const res = await post(host);
      expect({ host, status: res.status }).toEqual({ host, status: 421 });
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(res.body).not.toContain(ADMIN);
    }
    expect((await post('rebind.attacker.example', '/')).status).toBe(421);
    expect((await post('rebind.attacker.example', '/files')).status).toBe(421);
  });

  it('reads the name without its port, and nothing else', () => {
    expect(addressedHere('127.0.0.1:8080')).toBe(true);
    expect(addressedHere('127.0.0.1:8080:80')).toBe(false);
    expect(addressedHere('127.0.0.1@evil.example')).toBe(false);
    expect(addressedHere('')).toBe(false);
  });
});
