/**
 * cloudbaserc.json's `functions`, generated from the module list: each deployed module with the timeout its budgets
 * give (scripts/function-timeouts.ts) and a timer module's triggers. The deploy reads the file with this block
 * generated, so it cannot drift; `npm run build:functions` writes it into the committed file too (the CloudBase CLI
 * reads it), and a test checks that the committed file is what the modules make. The shared settings
 * (functionDefaultConfig: runtime, handler, the environment) stay written by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES } from '../cloudfunctions/functions';
import { isDeployed, type DomainModule } from '../cloudfunctions/module';
import type { CloudbaseRc, RcFunction } from './deploy-plan';
import { functionTimeoutS } from './function-timeouts';

export const RC_FILE = join(__dirname, '..', 'cloudbaserc.json');

export function cloudbaseFunctions(modules: readonly DomainModule[], timeoutOf: (name: string) => number = functionTimeoutS): RcFunction[] {
  return modules.filter(isDeployed).map((m) => ({
    name: m.name,
    timeout: timeoutOf(m.name),
    ...(m.timer ? { triggers: m.timer.triggers.map((t) => ({ name: t.name, type: 'timer', config: t.cron })) } : {}),
  }));
}

export function withFunctions(config: CloudbaseRc, functions: RcFunction[]): CloudbaseRc {
  return { ...config, functions };
}

/** The file as committed: two-space JSON, a function without triggers on one line. */
export function renderCloudbaseRc(config: CloudbaseRc): string {
  const item = (f: RcFunction) =>
    f.triggers
      ? JSON.stringify(f, null, 2).replace(/^/gm, '    ')
      : `    { ${Object.entries(f)
          .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
          .join(', ')} }`;
  const text = JSON.stringify({ ...config, functions: '<functions>' }, null, 2);
  return `${text.replace('"functions": "<functions>"', `"functions": [\n${config.functions.map(item).join(',\n')}\n  ]`)}\n`;
}

export function readCommittedRc(): CloudbaseRc {
  return JSON.parse(readFileSync(RC_FILE, 'utf8')) as CloudbaseRc;
}

/** The configuration the deploy uses: the committed shared settings, the functions the modules make. */
export function generatedRc(modules: readonly DomainModule[] = MODULES): CloudbaseRc {
  return withFunctions(readCommittedRc(), cloudbaseFunctions(modules));
}

/** Writes the generated functions into cloudbaserc.json; answers whether the file changed. */
export function writeCloudbaseRc(): boolean {
  const before = readFileSync(RC_FILE, 'utf8');
  const after = renderCloudbaseRc(generatedRc());
  if (after !== before) writeFileSync(RC_FILE, after);
  return after !== before;
}
