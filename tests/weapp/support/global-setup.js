// The weapp tests load the compiled pages from dist/weapp. scripts/test.ts builds first; when run alone, this
// builds once if the output is missing or older than src/ or types/, and fails with the fix if the build fails.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, '../../..');
  const out = path.join(root, 'dist/weapp');
  const marker = path.join(out, 'app.js');
  const sources = Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'types')));
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= sources) return;
  process.stderr.write('\ndist/weapp is missing or older than src/: running `npm run build:weapp`…\n');
  const env = { ...process.env };
  delete env.RIDER_HUB_OUT;
  const build = spawnSync('npm', ['run', 'build:weapp'], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`.slice(-4000));
    throw new Error('`npm run build:weapp` failed (output above): fix it, then run the weapp tests again.');
  }
  if (!fs.existsSync(marker) || fs.statSync(marker).mtimeMs < sources) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`.slice(-4000));
    throw new Error('`npm run build:weapp` did not write a fresh dist/weapp/app.js (output above).');
  }
};
