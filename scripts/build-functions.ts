/**
 * Bundles every cloud function (the list in cloudfunctions/functions.ts) into
 * build/functions/<fn>/index.js with a package.json beside it, ready to deploy (installDependency false: the bundle
 * carries its dependencies), and a config.json declaring the WeChat open APIs the function calls
 * (`permissions.openapi`: without it a subscribe message fails with -604101). Native addons cannot be deployed this
 * way, so the build fails if any bundle still imports better-sqlite3.
 *
 *   npm run build:functions            # all functions
 *   npm run build:functions -- account # some
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { MODULES } from '../cloudfunctions/functions';
import { isDeployed, usedBy, type DomainModule } from '../cloudfunctions/module';
import { writeCloudbaseRc } from './cloudbaserc';

export const ROOT = resolve(__dirname, '..');
const SOURCE = join(ROOT, 'cloudfunctions');
export const OUT = join(ROOT, 'build', 'functions');
/** Never bundled, and never allowed in a deployed function. */
export const NATIVE = ['better-sqlite3'];

/** How every function is bundled: one minified CommonJS file for CloudBase's Node 18 runtime, natives left out. */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  external: NATIVE,
  metafile: true as const,
  logLevel: 'warning',
} satisfies BuildOptions;

/** Every function and task the module list deploys. */
export function functionNames(modules: readonly DomainModule[] = MODULES): string[] {
  return modules
    .filter(isDeployed)
    .map((m) => m.name)
    .sort();
}

const LAYERS = ['capabilities', 'features', 'tasks'];

/** A module's file: cloudfunctions/<layer>/<name>/module.ts. */
export function moduleFile(name: string): string {
  const found = LAYERS.map((layer) => join(SOURCE, layer, name, 'module.ts')).filter((f) => existsSync(f));
  if (found.length !== 1) throw new Error(`${name}: ${found.length ? 'more than one' : 'no'} module.ts under cloudfunctions/{${LAYERS.join(',')}}/${name}`);
  return found[0]!;
}

const importPath = (file: string) => {
  const path = relative(ROOT, file).replace(/\\/g, '/').replace(/\.ts$/, '');
  return path.startsWith('.') ? path : `./${path}`;
};

/** What the bundler builds: each deployed module with its file, and the files of the modules it is built from. */
export interface Deployable {
  domain: DomainModule;
  file: string;
  uses: string[];
}

export function deployables(modules: readonly DomainModule[] = MODULES, locate: (name: string) => string = moduleFile): Deployable[] {
  return modules.filter(isDeployed).map((domain) => ({ domain, file: locate(domain.name), uses: usedBy(domain, modules).map((m) => locate(m.name)) }));
}

/**
 * The entry of a module's function, generated (no hand-written index.ts): the module's own file, and the files of
 * the modules it is built from (the review queue's kinds, the reports' figures, the scheduler's sweeps), so that a
 * bundle carries those and no other.
 */
export function entrySource({ domain, file, uses }: Deployable): string {
  const adapter = importPath(join(SOURCE, 'adapters', 'cloudbase', 'entry.ts'));
  if (domain.selfCheck) {
    return [
      `import { cloudAdminTask } from '${adapter}';`,
      `import { runSelfCheck } from '${importPath(join(SOURCE, 'adapters', 'cloudbase', 'self-check.ts'))}';`,
      'export const main = cloudAdminTask(runSelfCheck);',
      '',
    ].join('\n');
  }
  return [
    `import { moduleMain } from '${adapter}';`,
    `import domain from '${importPath(file)}';`,
    ...uses.map((used, i) => `import used${i} from '${importPath(used)}';`),
    domain.uses ? `export const main = moduleMain(domain, [${uses.map((_, i) => `used${i}`).join(', ')}]);` : 'export const main = moduleMain(domain);',
    '',
  ].join('\n');
}

const entryPoint = (d: Deployable) => ({ contents: entrySource(d), resolveDir: ROOT, sourcefile: `${d.domain.name}.entry.ts`, loader: 'ts' as const });

/** Inputs of the bundle that reach a native module, by the importing file. */
export function nativeImports(metafile: Metafile): string[] {
  const found: string[] = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const imp of input.imports) {
      if (NATIVE.some((n) => imp.path === n || imp.path.startsWith(`${n}/`))) found.push(`${file} → ${imp.path}`);
    }
  }
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports) {
      if (NATIVE.some((n) => imp.path === n || imp.path.startsWith(`${n}/`))) found.push(`bundle → ${imp.path}`);
    }
  }
  return [...new Set(found)];
}

/** Modules that send subscribe messages: a bundle holding one may call `subscribeMessage.send`. */
const PUSHING_MODULES = ['cloudfunctions/capabilities/inbox/send-pushes.ts', 'cloudfunctions/adapters/cloudbase/self-check.ts'];

/** The function's config.json: the WeChat open APIs its bundle may call (cloud-call permissions). */
export function functionConfig(metafile: Metafile): { permissions: { openapi: string[] } } {
  const inputs = Object.keys(metafile.inputs);
  return { permissions: { openapi: PUSHING_MODULES.some((m) => inputs.includes(m)) ? ['subscribeMessage.send'] : [] } };
}

export interface Built {
  name: string;
  file: string;
  bytes: number;
  /** What its config.json declares. */
  openapi: string[];
}

async function buildOne(deployable: Deployable): Promise<Built> {
  const { name } = deployable.domain;
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.js');
  const result = await build({
    stdin: entryPoint(deployable),
    outfile: file,
    ...BUNDLE_OPTIONS,
  });
  const native = nativeImports(result.metafile);
  if (native.length) {
    throw new Error(`${name}: the bundle imports a native module, which cannot be deployed:\n  ${native.join('\n  ')}`);
  }
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: `rider-hub-${name}`, version: '0.1.0', private: true, main: 'index.js', engines: { node: '>=18' } }, null, 2)}\n`,
  );
  const config = functionConfig(result.metafile);
  writeFileSync(join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  return { name, file, bytes: statSync(file).size, openapi: config.permissions.openapi };
}

/** What each function's config.json will declare, from its bundle's inputs, without writing anything (the dry run). */
export async function plannedOpenApis(): Promise<Record<string, string[]>> {
  const entries = await Promise.all(
    deployables().map(async (d) => {
      const { name } = d.domain;
      const { metafile } = await build({ stdin: entryPoint(d), ...BUNDLE_OPTIONS, minify: false, write: false, outfile: join(OUT, name, 'index.js') });
      return [name, functionConfig(metafile).permissions.openapi] as const;
    }),
  );
  return Object.fromEntries(entries);
}

export async function buildFunctions(only: string[] = [], from: Deployable[] = deployables()): Promise<Built[]> {
  const chosen = from.filter((d) => only.length === 0 || only.includes(d.domain.name));
  const unknown = only.filter((n) => !chosen.some((d) => d.domain.name === n));
  if (unknown.length) throw new Error(`no such function: ${unknown.join(', ')}`);
  mkdirSync(OUT, { recursive: true });
  const built: Built[] = [];
  for (const d of chosen) built.push(await buildOne(d));
  return built;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (require.main === module) {
  if (writeCloudbaseRc()) console.log('cloudbaserc.json: functions rewritten from the module list');
  buildFunctions(process.argv.slice(2))
    .then((built) => {
      for (const b of built)
        console.log(
          `${b.name.padEnd(10)} ${kb(b.bytes).padStart(10)}  ${relative(ROOT, b.file)}${b.openapi.length ? `  (may call ${b.openapi.join(', ')})` : ''}`,
        );
      console.log(`${built.length} function(s) in ${relative(ROOT, OUT)}`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
