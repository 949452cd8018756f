/**
 * Adding a domain is its folder and one line in the module list: a throwaway module (one action, one collection)
 * added to the list is served by the local gateway, bundled by the bundler and listed in cloudbaserc.json.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openSqliteDocStore } from '../../cloudfunctions/adapters/sqlite/docstore.sqlite';
import { newId } from '../../cloudfunctions/core/crypto';
import type { Deps } from '../../cloudfunctions/core/runtime';
import { MODULES, routersOf } from '../../cloudfunctions/functions';
import { cloudbaseFunctions, readCommittedRc, renderCloudbaseRc, withFunctions } from '../../scripts/cloudbaserc';
import { OUT, buildFunctions, deployables, moduleFile } from '../../scripts/build-functions';
import { functionTimeoutS } from '../../scripts/function-timeouts';
import { createGateway } from '../../server/gateway';
import throwaway from '../support/throwaway/module';

jest.setTimeout(60_000);

const modules = [...MODULES, throwaway];
const locate = (name: string) => (name === 'throwaway' ? join(__dirname, '..', 'support', 'throwaway', 'module.ts') : moduleFile(name));

describe('a domain added to the module list', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rider-hub-new-domain-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(OUT, 'throwaway'), { recursive: true, force: true });
  });

  it('is served by the local gateway, its collection created with the others', async () => {
    const store = openSqliteDocStore({ path: join(dir, 'store.db') });
    await store.ensureCollections(modules.flatMap((m) => m.collections));
    const deps: Deps = { store, secrets: { tokenKey: randomBytes(32), fieldKey: randomBytes(32) }, now: () => new Date(), newId, adminOpenid: 'admin' };
    const server: Server = createGateway(deps, { filesDir: join(dir, 'files'), functions: routersOf(modules) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const post = () =>
      new Promise<unknown>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/api/throwaway', method: 'POST', headers: { 'x-rider-hub-user': 'rider', 'content-type': 'application/json' } },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
            res.on('end', () => resolve(JSON.parse(text)));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ action: 'count' }));
      });
    try {
      expect(await post()).toEqual({ ok: true, data: { calls: 1 } });
      expect(await post()).toEqual({ ok: true, data: { calls: 2 } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    }
  });

  it('is bundled into its own function, with an entry generated from its module', async () => {
    const [built] = await buildFunctions(['throwaway'], deployables(modules, locate));
    expect(built?.name).toBe('throwaway');
    expect(existsSync(join(OUT, 'throwaway', 'index.js'))).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(typeof (require(join(OUT, 'throwaway', 'index.js')) as { main: unknown }).main).toBe('function');
  });

  it('is listed in cloudbaserc.json', () => {
    const functions = cloudbaseFunctions(modules, (name) => (name === 'throwaway' ? 10 : functionTimeoutS(name)));
    expect(functions.map((f) => f.name)).toEqual([...readCommittedRc().functions.map((f) => f.name), 'throwaway']);
    expect(renderCloudbaseRc(withFunctions(readCommittedRc(), functions))).toContain('{ "name": "throwaway", "timeout": 10 }');
  });
});
