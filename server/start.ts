import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from './serve';

const ROOT = resolve(__dirname, '..');
const H5 = join(ROOT, 'dist', 'h5');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the H5 app when it is missing or older than its sources. */
function buildIfNeeded(): void {
  const index = join(H5, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'types')), newestMtime(join(ROOT, 'config')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  process.stdout.write('building the H5 app (first start takes about half a minute)…\n');
  const result = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
    cwd: ROOT,
    // A production build whatever the caller's NODE_ENV (jest sets it to test, which Taro's build does not support).
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    process.stderr.write('H5 build failed\n');
    process.exit(1);
  }
}

buildIfNeeded();
serve(H5).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
