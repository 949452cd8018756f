/**
 * Cold start of each cloud function: a fresh Node process loads the bundle and answers its first call on the local
 * SQLite store. Goal: ≤ 150 ms from require to the first answer (a warm runtime has booted Node already: the
 * table also shows Node's own start-up and the sum, from process start).
 *
 * The deployed bundle's entry is the CloudBase one, so for the bench each function's actions are bundled the same way
 * (esbuild, node18, cjs, minified) with a small local runner instead: build/bench/<fn>.js opens a temporary SQLite
 * store, seeds one org, and calls one read action. Every number is measured inside the child with performance.now(),
 * whose origin is the process start.
 *
 *   npx tsx bench/cold-start.ts        # prints a table
 *   import { coldStart } from './cold-start'   // { fn: median ms }
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FUNCTION_NAMES } from '../cloudfunctions/functions';
import { BUNDLE_OPTIONS, ROOT, deployables, nativeImports } from '../scripts/build-functions';

const OUT = join(ROOT, 'build', 'bench');
const RUNS = 5;
export const GOAL_MS = 150;

/** One read call per function (falls back to an unknown action: still a routed answer). */
const PROBES: Record<string, Record<string, unknown>> = {
  account: { action: 'me' },
  orgs: { action: 'tree' },
  stations: { action: 'nearby', lat: 30.7636, lng: 120.7091, openNow: true },
  review: { action: 'mine' },
  checkin: { action: 'issueCode' },
  points: { action: 'balance' },
};

export interface Sample {
  /** Node's own start-up, up to the first line of the bundle. */
  boot: number;
  /** Evaluating the bundle (every module it holds). */
  load: number;
  /** Opening the store and answering the first call. */
  firstCall: number;
  /** Top of the bundle to the first answer: load + first call, what the function's code costs. */
  total: number;
  /** Process start to the first answer (adds Node's own start-up, which a warm runtime has already paid). */
  fromProcessStart: number;
  code: string;
}

export interface FunctionResult {
  name: string;
  bundleBytes: number;
  median: Sample;
  runs: number[];
}

function runnerSource(fn: string): string {
  const probe = PROBES[fn] ?? { action: '__probe' };
  // With the modules it is built from, as its generated entry (the review queue's kinds, the reports' figures).
  const deployable = deployables().find((d) => d.domain.name === fn);
  if (!deployable) throw new Error(`no function ${fn}`);
  const path = (file: string) => `./${relative(ROOT, file).replace(/\.ts$/, '')}`;
  return `
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openSqliteDocStore } from './cloudfunctions/adapters/sqlite/docstore.sqlite';
import { orgs } from './cloudfunctions/capabilities/orgs/collections';
import { newId } from './cloudfunctions/core/crypto';
import { routerOf } from './cloudfunctions/module';
import domain from '${path(deployable.file)}';
${deployable.uses.map((file, i) => `import used${i} from '${path(file)}';`).join('\n')}
const MODULES = [${deployable.uses.map((_, i) => `used${i}`).join(', ')}];

const loaded = performance.now();
const router = routerOf(domain, MODULES) as any;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'rider-hub-bench-'));
  const store = openSqliteDocStore({ path: join(dir, 'bench.db') });
  await store.insert(orgs, { _id: 'bench-org', name: '测试区团委', kind: 'district' });
  const deps = {
    store,
    secrets: { tokenKey: randomBytes(32), fieldKey: randomBytes(32) },
    now: () => new Date(),
    newId,
    adminOpenid: 'bench-admin',
  };
  const res = await router.handle(${JSON.stringify(probe)}, { openid: 'bench-rider' }, deps);
  const answered = performance.now();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({
    start: (globalThis as any).__benchStart,
    loaded,
    answered,
    code: res.ok ? 'OK' : res.error.code,
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;
}

async function bundle(fn: string): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const outfile = join(OUT, `${fn}.js`);
  const result = await build({
    stdin: { contents: runnerSource(fn), resolveDir: ROOT, sourcefile: `bench-${fn}.ts`, loader: 'ts' },
    outfile,
    ...BUNDLE_OPTIONS,
    banner: { js: 'globalThis.__benchStart=performance.now();' },
  });
  // The actions themselves must not reach the native module: only the bench runner's own store does.
  const fromActions = nativeImports(result.metafile).filter((line) => !line.startsWith('bundle') && !line.includes('docstore.sqlite'));
  if (fromActions.length) throw new Error(`${fn}: actions import a native module:\n  ${fromActions.join('\n  ')}`);
  return outfile;
}

function once(file: string): Sample {
  const out = execFileSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  const r = JSON.parse(out) as { start: number; loaded: number; answered: number; code: string };
  return {
    boot: r.start,
    load: r.loaded - r.start,
    firstCall: r.answered - r.loaded,
    total: r.answered - r.start,
    fromProcessStart: r.answered,
    code: r.code,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const at = (i: number) => sorted[i] ?? Number.NaN;
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

export async function measure(names: readonly string[] = FUNCTION_NAMES, runs = RUNS): Promise<FunctionResult[]> {
  const results: FunctionResult[] = [];
  for (const name of names) {
    const file = await bundle(name);
    const samples = Array.from({ length: runs }, () => once(file));
    const pick = (k: Exclude<keyof Sample, 'code'>) => median(samples.map((s) => s[k]));
    results.push({
      name,
      bundleBytes: statSync(file).size,
      median: {
        boot: pick('boot'),
        load: pick('load'),
        firstCall: pick('firstCall'),
        total: pick('total'),
        fromProcessStart: pick('fromProcessStart'),
        code: samples[0]?.code ?? 'none',
      },
      runs: samples.map((s) => s.total),
    });
  }
  return results;
}

/** Median ms from the top of the bundle (require) to the first answer, per function. */
export async function coldStart(): Promise<Record<string, number>> {
  const results = await measure();
  return Object.fromEntries(results.map((r) => [r.name, Math.round(r.median.total * 10) / 10]));
}

export function formatTable(results: FunctionResult[]): string {
  const f = (n: number) => n.toFixed(1).padStart(8);
  const lines = [
    `cold start, median of ${RUNS} fresh processes, ms; total = load + first call, goal ≤ ${GOAL_MS}; node = Node's own boot`,
    `${'function'.padEnd(10)}${'bundle'.padStart(10)}${'load'.padStart(8)}${'call'.padStart(8)}${'total'.padStart(8)}${'node'.padStart(8)}${'+node'.padStart(8)}  answer  verdict`,
  ];
  for (const r of results) {
    lines.push(
      `${r.name.padEnd(10)}${`${(r.bundleBytes / 1024).toFixed(0)} KB`.padStart(10)}${f(r.median.load)}${f(r.median.firstCall)}${f(r.median.total)}${f(r.median.boot)}${f(r.median.fromProcessStart)}  ${r.median.code.padEnd(6)}  ${r.median.total <= GOAL_MS ? 'ok' : 'OVER'}`,
    );
  }
  return lines.join('\n');
}

if (require.main === module) {
  measure()
    .then((results) => {
      console.log(formatTable(results));
      if (results.some((r) => r.median.total > GOAL_MS)) process.exitCode = 1;
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
