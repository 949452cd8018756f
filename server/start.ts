import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { consoleProgress, type Progress } from './progress';
import { serve } from './serve';

const ROOT = resolve(__dirname, '..');
const H5 = join(ROOT, 'dist', 'h5');
/** What the H5 build is made from: a change to any of these makes the build stale. */
const SOURCES = ['src', 'types', 'config', 'babel.config.js'];
/** The last build's whole output, kept for reading when it warned or failed. */
const BUILD_LOG = join(ROOT, 'build', 'h5-build.log');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds the H5 app when it is missing or older than its sources; the build's own output is shown only when it warns or fails. */
function buildIfNeeded(progress: Progress): void {
  const index = join(H5, 'index.html');
  const sources = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) {
    progress.note(`reusing the app build (${relative(ROOT, H5)} is newer than its sources)`);
    return;
  }
  const done = progress.step(existsSync(index) ? 'rebuilding the app (sources changed; ½–1 min)' : 'building the app (½–1 min)');
  const result = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
    cwd: ROOT,
    // A production build whatever the caller's NODE_ENV (jest sets it to test, which Taro's build does not support),
    // with Taro's progress bar off (config/index.ts).
    env: { ...process.env, NODE_ENV: 'production', RIDER_HUB_QUIET_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout?.toString() ?? ''}${result.stderr?.toString() ?? ''}`;
  mkdirSync(join(ROOT, 'build'), { recursive: true });
  writeFileSync(BUILD_LOG, output);
  if (result.status !== 0) {
    done('failed');
    process.stderr.write(`${output}\nH5 build failed (this output is also in ${relative(ROOT, BUILD_LOG)})\n`);
    process.exit(1);
  }
  // Webpack's size hints are off for H5 (config/index.ts), so a warning here is one worth reading in full.
  if (/Warnings:/.test(output)) {
    done('done, with warnings');
    process.stdout.write(`${output}\n`);
    return;
  }
  done();
}

const progress = consoleProgress();
buildIfNeeded(progress);
serve(H5).catch((error: unknown) => {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
