import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { openSqliteDocStore } from '../../cloudfunctions/adapters/sqlite/docstore.sqlite';
import { userIdOf, users } from '../../cloudfunctions/core/identity';
import { startLocalServer, type LocalServer } from './support/local-server';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'rider-hub-backup-'));
const dataDir = join(work, 'data');
const dest = join(work, 'copy');
const servers: LocalServer[] = [];

afterAll(async () => {
  for (const server of servers) await server.stop();
  rmSync(work, { recursive: true, force: true });
});

/** One acknowledged write: a new user named after its number (true once the server answered ok). */
async function write(server: LocalServer, i: number): Promise<boolean> {
  const res = await fetch(`${server.url}/api/account`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Rider-Hub-User': `writer-${i}` },
    body: JSON.stringify({ action: 'updateProfile', displayName: `写入${i}` }),
  });
  return ((await res.json()) as { ok: boolean }).ok;
}

describe('npm run backup', () => {
  it('copies the database while the server writes, and the copy holds every write acknowledged before it began', async () => {
    const server = await startLocalServer({ command: 'api', dataDir, seed: 'none' });
    servers.push(server);
    const acknowledged: number[] = [];
    for (let i = 0; i < 40; i++) if (await write(server, i)) acknowledged.push(i);
    expect(acknowledged).toHaveLength(40);

    // Writers keep going while the backup runs; what they finish before it starts must be in the copy.
    let writing = true;
    let next = 40;
    const writer = (async () => {
      while (writing && next < 2000) {
        const i = next++;
        if (await write(server, i)) acknowledged.push(i);
      }
    })();
    await new Promise((done) => setTimeout(done, 200));
    const before = [...acknowledged];
    const { stdout } = await run(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/backup.ts', dest], {
      cwd: ROOT,
      env: { ...process.env, RIDER_HUB_DATA: dataDir },
    });
    writing = false;
    await writer;
    expect(stdout).toMatch(/^backed up .* documents in \d+ collections/);
    expect(acknowledged.length).toBeGreaterThan(before.length); // the server really was writing during the backup
    expect(statSync(dest).mode & 0o777).toBe(0o700);
    expect(statSync(join(dest, 'store.db')).mode & 0o777).toBe(0o600);

    const fieldKey = Buffer.from((JSON.parse(readFileSync(join(dest, 'secrets.json'), 'utf8')) as { fieldKey: string }).fieldKey, 'base64');
    const copy = openSqliteDocStore({ path: join(dest, 'store.db') });
    try {
      for (const i of before) expect((await copy.get(users, userIdOf(`writer-${i}`, fieldKey)))?.displayName).toBe(`写入${i}`);
      expect(await copy.count(users)).toBeGreaterThanOrEqual(before.length);
    } finally {
      await copy.close();
    }
  });

  it('is a data directory the server starts on: the restored users answer as themselves', async () => {
    const restored = await startLocalServer({ command: 'api', dataDir: dest, seed: 'none' });
    servers.push(restored);
    const res = await fetch(`${restored.url}/api/account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Rider-Hub-User': 'writer-7' },
      body: JSON.stringify({ action: 'me' }),
    });
    expect(await res.json()).toMatchObject({ ok: true, data: { user: { displayName: '写入7' } } });
  });

  it('refuses a destination that exists, and writes nothing there', async () => {
    await expect(
      run(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/backup.ts', dest], { cwd: ROOT, env: { ...process.env, RIDER_HUB_DATA: dataDir } }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('exists already') });
  });
});
