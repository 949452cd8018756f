import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTIONS, FUNCTION_NAMES, TASK_NAMES } from '../../cloudfunctions/functions';
import { PUSH_KINDS, templateVariable } from '../../types/push-kinds';
import {
  deployPlan,
  formatPlan,
  indexChanges,
  indexName,
  readReferenceData,
  renderVariables,
  resolveFunction,
  type CloudbaseRc,
} from '../../scripts/deploy-plan';

const ROOT = join(__dirname, '..', '..');
const config = JSON.parse(readFileSync(join(ROOT, 'cloudbaserc.json'), 'utf8')) as CloudbaseRc;
const KEY_A = Buffer.alloc(32, 7).toString('base64');
const KEY_B = Buffer.alloc(32, 9).toString('base64');
const keys = { RIDER_HUB_TOKEN_KEY: KEY_A, RIDER_HUB_FIELD_KEY: KEY_B };
/** The routers and the tasks (timer-run or run by the deploy): every deployed function. */
const DEPLOYED = [...FUNCTION_NAMES, ...TASK_NAMES];
const openapi = { scheduler: ['subscribeMessage.send'] };

const plan = (env: NodeJS.ProcessEnv = keys, cfg: CloudbaseRc = config) =>
  deployPlan({ collections: COLLECTIONS, functionNames: FUNCTION_NAMES, taskNames: TASK_NAMES, config: cfg, env, openapi });

describe('the deploy plan', () => {
  it('creates every declared collection and index, the geo indexes as 2dsphere, and closes every collection to clients', () => {
    const p = plan();
    const text = formatPlan(p);
    expect(p.collections.map((c) => c.name)).toEqual(COLLECTIONS.map((c) => c.name));
    for (const spec of COLLECTIONS) {
      const planned = p.collections.find((c) => c.name === spec.name);
      for (const { fields } of spec.indexes) {
        expect(planned?.indexes).toContainEqual({ collection: spec.name, name: indexName(fields), keys: fields.map((Name) => ({ Name, Direction: '1' })) });
        expect(text).toContain(`${indexName(fields)}(${fields.join(', ')})`);
      }
      if (spec.geo)
        expect(planned?.indexes).toContainEqual({ collection: spec.name, name: `${spec.geo}_2dsphere`, keys: [{ Name: spec.geo, Direction: '2dsphere' }] });
      expect(planned?.indexes).toHaveLength(spec.indexes.length + (spec.geo ? 1 : 0));
    }
    expect(COLLECTIONS.some((c) => c.geo)).toBe(true);
    expect(text).toContain(`3. collection permissions: all ${COLLECTIONS.length} ADMINONLY`);
  });

  it('deploys every function cloudfunctions/functions.ts lists, as cloudbaserc.json configures it', () => {
    const p = plan();
    expect(p.functions.map((f) => f.name).sort()).toEqual([...DEPLOYED].sort());
    for (const name of DEPLOYED) expect(formatPlan(p)).toContain(`build/functions/${name}/index.js`);
    expect(p.problems).toEqual([]);
  });

  it('shows the scheduler’s timer trigger, the config.json permissions and the security rules', () => {
    const p = plan();
    const scheduler = p.functions.find((f) => f.name === 'scheduler');
    expect(scheduler).toMatchObject({ triggers: [{ name: 'every5min', config: '0 */5 * * * * *' }], clients: false });
    expect(p.functions.find((f) => f.name === 'account')?.clients).toBe(true);
    const text = formatPlan(p);
    expect(text).toContain('timer trigger every5min (0 */5 * * * * *): the only invocation it runs for');
    expect(text).toContain(
      '   scheduler  Nodejs18.15  timeout 60 s  build/functions/scheduler/index.js\n     config.json: permissions.openapi subscribeMessage.send',
    );
    // Request functions only queue their pushes: the scheduler sends them, and only it may.
    expect(text).toContain('   review  Nodejs18.15  timeout 10 s  build/functions/review/index.js\n     config.json: no open APIs');
    expect(text).toContain('   stations  Nodejs18.15  timeout 10 s  build/functions/stations/index.js\n     config.json: no open APIs');
    expect(text).toContain('5. function security rules: {"*":{"invoke":"auth != null"},"scheduler":{"invoke":false},"selfcheck":{"invoke":false}}');
  });

  it('gives every function every variable, from .env or the environment, and says a redeploy sets them again', () => {
    for (const name of DEPLOYED) {
      const templates = resolveFunction(config, name)?.envVariables ?? {};
      expect(Object.keys(templates).sort()).toEqual(
        plan()
          .env.map((v) => v.name)
          .sort(),
      );
      for (const [variable, template] of Object.entries(templates)) expect(template).toBe(`{{env.${variable}}}`);
    }
    expect(plan().env.map((v) => v.name)).toEqual(expect.arrayContaining(PUSH_KINDS.map(templateVariable)));
    const text = formatPlan(plan());
    expect(text).toContain('a redeploy sets the same values again');
    expect(text).toContain('a\n   variable set by hand in the console stops the deploy');
  });

  it('fills the environment from the deploy’s own, leaves out what is unset, and refuses a value written in cloudbaserc.json', () => {
    expect(renderVariables({ A: '{{env.A}}', B: '{{ env.B }}', C: '{{env.C}}' }, { A: 'a', B: 'b' })).toEqual({
      variables: { A: 'a', B: 'b' },
      unset: ['C'],
      literal: [],
    });
    const literal = {
      ...config,
      functionDefaultConfig: { ...config.functionDefaultConfig, envVariables: { ...config.functionDefaultConfig?.envVariables, RIDER_HUB_TOKEN_KEY: KEY_A } },
    };
    expect(plan(keys, literal).problems).toContain(
      "cloudbaserc.json: account's RIDER_HUB_TOKEN_KEY must be {{env.NAME}} (values live in .env, never in the repository)",
    );
  });

  it('refuses a cloudbaserc.json that drifted from the list of functions or from the budgets', () => {
    const [first, ...rest] = config.functions;
    const drifted = { ...config, functions: [...rest, { name: 'ghost', runtime: 'Nodejs18.15' }] };
    expect(plan(keys, drifted).problems).toEqual([
      `cloudbaserc.json does not list ${first?.name} (cloudfunctions/functions.ts does)`,
      'cloudbaserc.json lists ghost, which cloudfunctions/functions.ts does not',
    ]);
    const slow = { ...config, functions: config.functions.map((f) => (f.name === 'childcare' ? { ...f, timeout: 10 } : f)) };
    expect(plan(keys, slow).problems).toEqual([expect.stringMatching(/^cloudbaserc.json: childcare's timeout is 10 s, its budgets say \d+ s/)]);
  });

  it('checks the keys without ever printing them', () => {
    const ok = plan({ ...keys, RIDER_HUB_ADMIN: 'o-admin', RIDER_HUB_TEMPLATE_REVIEW_DECIDED: 'tmpl-secret-id' });
    expect(ok.env.slice(0, 4)).toEqual([
      { name: 'RIDER_HUB_TOKEN_KEY', required: true, state: 'set' },
      { name: 'RIDER_HUB_FIELD_KEY', required: true, state: 'set' },
      { name: 'RIDER_HUB_ADMIN', required: false, state: 'set' },
      { name: 'RIDER_HUB_MINIPROGRAM_STATE', required: false, state: 'unset' },
    ]);
    expect(ok.env.find((v) => v.name === 'RIDER_HUB_TEMPLATE_REVIEW_DECIDED')?.state).toBe('set');
    const text = formatPlan(ok);
    for (const value of [KEY_A, KEY_B, 'o-admin', 'tmpl-secret-id']) expect(text).not.toContain(value);
    const bad = plan({ RIDER_HUB_TOKEN_KEY: 'short', RIDER_HUB_FIELD_KEY: KEY_B });
    expect(bad.env[0]?.state).toBe('invalid');
    expect(bad.problems).toEqual(['RIDER_HUB_TOKEN_KEY must be 32 random bytes in base64 (openssl rand -base64 32)']);
    expect(plan({}).problems).toEqual(['RIDER_HUB_TOKEN_KEY is not set', 'RIDER_HUB_FIELD_KEY is not set']);
  });

  it('npm run deploy -- --dry-run prints the plan with no credentials and no network', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TCB_') && !k.startsWith('RIDER_HUB_')));
    const out = execFileSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/deploy.ts', '--dry-run'], { cwd: ROOT, env, encoding: 'utf8' });
    const indexes = COLLECTIONS.reduce((n, c) => n + c.indexes.length + (c.geo ? 1 : 0), 0);
    expect(out).toContain(`plan: ${COLLECTIONS.length} collections, ${indexes} indexes, ${DEPLOYED.length} functions`);
    expect(out).toContain(
      '   scheduler  Nodejs18.15  timeout 60 s  build/functions/scheduler/index.js\n     config.json: permissions.openapi subscribeMessage.send',
    );
  }, 120_000);
});

describe('index changes against what the environment has', () => {
  const stations = plan().collections.find((c) => c.name === 'stations');
  if (!stations) throw new Error('no stations collection');

  it('creates what is missing, keeps what matches, replaces an index whose keys changed', () => {
    expect(indexChanges(stations, [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }] }]).create).toEqual(stations.indexes);
    const existing = stations.indexes.map((i) => ({ Name: i.name, Keys: i.keys.map((k) => ({ ...k })) }));
    expect(indexChanges(stations, existing)).toEqual({ create: [], drop: [] });
    const [first] = stations.indexes;
    if (!first) throw new Error('stations has no index');
    const changed = [{ Name: first.name, Keys: [{ Name: 'other', Direction: '1' }] }, ...existing.slice(1)];
    expect(indexChanges(stations, changed)).toEqual({ create: [first], drop: [first.name] });
  });
});

describe('reference data a committee already has', () => {
  const json = JSON.stringify({
    orgs: [
      { id: 'org-a', name: '共青团某县委', kind: 'district' },
      { id: 'org-b', name: '某镇团委', kind: 'town', parentId: 'org-a' },
    ],
    stations: [{ id: 'st-1', name: '某驿站', orgId: 'org-b', lat: 30.8, lng: 120.9, address: '某路 1 号', services: ['rest', 'water'], phone: '0573-1234567' }],
  });

  it('reads JSON and CSV alike', () => {
    const fromJson = readReferenceData({ json });
    expect(fromJson.problems).toEqual([]);
    const fromCsv = readReferenceData({
      orgsCsv: 'id,name,kind,parentId\norg-a,共青团某县委,district,\r\norg-b,"某镇团委",town,org-a\n',
      stationsCsv: 'id,name,orgId,lat,lng,address,services,phone\nst-1,某驿站,org-b,30.8,120.9,"某路 1 号",rest|water,0573-1234567\n',
    });
    expect(fromCsv).toEqual(fromJson);
  });

  it('names every bad row and every dangling reference', () => {
    const { data, problems } = readReferenceData({
      orgsCsv: 'id,name,kind,parentId\norg-a,某县委,galaxy,\norg-b,某镇,town,org-x\n',
      stationsCsv: 'id,name,orgId,lat,lng,address,services\nst-1,某驿站,org-b,300,120.9,某路,rest\nst-2,某驿站,org-z,30,120,某路,rest\n',
    });
    expect(data.orgs.map((o) => o.id)).toEqual(['org-b']);
    expect(problems).toEqual([
      expect.stringMatching(/^org 1: kind /),
      expect.stringMatching(/^station 1: lat /),
      'org org-b: parent org-x is not in the file',
      'station st-2: org org-z is not in the file',
    ]);
  });
});
