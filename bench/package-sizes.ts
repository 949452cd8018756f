import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Sizes in KB of the weapp build's main package and of each subpackage (dist/weapp/packages/<name>). */
export function weappPackageSizes(root = 'dist/weapp'): Record<string, number> {
  if (!existsSync(root)) throw new Error(`${root} is missing: run npm run build:weapp first`);
  const sizes: Record<string, number> = { main: 0 };
  for (const file of files(root)) {
    const [top, sub] = relative(root, file).split('/');
    const key = top === 'packages' && sub ? `packages/${sub}` : 'main';
    sizes[key] = (sizes[key] ?? 0) + statSync(file).size;
  }
  return Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, Math.round(v / 102.4) / 10]));
}

if (require.main === module) console.log(weappPackageSizes());
