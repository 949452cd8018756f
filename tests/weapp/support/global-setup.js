// The weapp tests load the compiled pages from dist/weapp (scripts/test.ts runs `npm run build:weapp` first).
// Fail early, with the fix, when the build is missing or older than the sources.
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
  if (!fs.existsSync(marker)) {
    throw new Error('dist/weapp is missing: run `npm run build:weapp` before the weapp tests (npm test does it).');
  }
  const built = fs.statSync(marker).mtimeMs;
  const sources = Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'types')));
  if (sources > built) {
    throw new Error('dist/weapp is older than src/ or types/: run `npm run build:weapp` again before the weapp tests.');
  }
};
