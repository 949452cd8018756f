/**
 * Runs the boundary rules in .dependency-cruiser.cjs (the ones `npm run lint:deps` runs) over a tree laid out like the
 * repository, and prints each tree's violations ({ rule, from, to }) as one JSON object keyed by tree.
 * tests/unit/boundaries.test.ts runs it on the fixtures under tests/fixtures/boundaries/: dependency-cruiser is ESM
 * only, which jest's CommonJS runtime cannot load, so the cruise runs in a process of its own.
 *
 *   node --import tsx tests/support/cruise-boundaries.mts tests/fixtures/boundaries/clean tests/fixtures/boundaries/cycle
 */
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const TOP_LEVEL = ['cloudfunctions', 'types', 'src', 'server', 'scripts', 'bench', 'tests', 'config'];

export interface Violation {
  rule: string;
  from: string;
  to: string;
}

export async function cruiseBoundaries(tree: string): Promise<Violation[]> {
  const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
  // The repository's TypeScript settings resolve the tree's imports, as they resolve the repository's own.
  const tsConfigFile = join(ROOT, options.tsConfig?.fileName ?? 'tsconfig.json');
  const baseDir = resolve(tree);
  const reported = await cruise(
    TOP_LEVEL.filter((dir) => existsSync(join(baseDir, dir))),
    { ...options, tsConfig: { fileName: tsConfigFile }, baseDir },
    {},
    { tsConfig: extractTSConfig(tsConfigFile) },
  );
  const result = reported.output as ICruiseResult;
  return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.cycle ? v.cycle.map((c) => c.name).join(' → ') : v.to }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found: Record<string, Violation[]> = {};
  for (const tree of process.argv.slice(2)) found[tree] = await cruiseBoundaries(tree);
  process.stdout.write(JSON.stringify(found));
}
