import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_NAMES, TASK_NAMES } from '../../cloudfunctions/functions';
import { moduleFile } from '../../scripts/build-functions';
import { generatedRc, renderCloudbaseRc } from '../../scripts/cloudbaserc';
import { resolveFunction, type CloudbaseRc } from '../../scripts/deploy-plan';

const ROOT = join(__dirname, '..', '..');
/** The routers and the tasks (timer-run or run by the deploy's check): every deployed function. */
const DEPLOYED = [...FUNCTION_NAMES, ...TASK_NAMES];

describe('the list of functions, written once in cloudfunctions/functions.ts', () => {
  const config = JSON.parse(readFileSync(join(ROOT, 'cloudbaserc.json'), 'utf8')) as CloudbaseRc;

  it('is what cloudbaserc.json deploys, each with its keys and the bundled entry', () => {
    expect(config.functions.map((f) => f.name).sort()).toEqual([...DEPLOYED].sort());
    for (const { name } of config.functions) {
      const f = resolveFunction(config, name);
      expect(f).toMatchObject({ handler: 'index.main', installDependency: false });
      expect(Object.keys(f?.envVariables ?? {})).toEqual(expect.arrayContaining(['RIDER_HUB_TOKEN_KEY', 'RIDER_HUB_FIELD_KEY', 'RIDER_HUB_ADMIN']));
    }
  });

  it('has a module file for each function in its domain folder', () => {
    for (const name of DEPLOYED) expect(existsSync(moduleFile(name))).toBe(true);
  });

  it('is what the committed cloudbaserc.json lists, as `npm run build:functions` writes it', () => {
    expect(readFileSync(join(ROOT, 'cloudbaserc.json'), 'utf8')).toBe(renderCloudbaseRc(generatedRc()));
  });
});
