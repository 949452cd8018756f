/**
 * The boundary rules `npm run lint:deps` runs (.dependency-cruiser.cjs), fed small trees laid out like the repository
 * (tests/fixtures/boundaries/<case>/): each violating tree is caught by its rule, and only by the rules it breaks;
 * the clean tree, which holds every import the layers allow, passes.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Violation {
  rule: string;
  from: string;
  to: string;
}

const ROOT = join(__dirname, '..', '..');
const FIXTURES = 'tests/fixtures/boundaries';

const EXPECTED: Record<string, Violation[]> = {
  clean: [],
  'feature-to-feature': [
    {
      rule: 'no-feature-to-feature',
      from: 'cloudfunctions/features/stations/stations.service.ts',
      to: 'cloudfunctions/features/checkin/checkin.service.ts',
    },
  ],
  // The specifier ends in .js while the file is .ts: the import resolves all the same and is caught.
  'feature-imports-collections-js': [
    { rule: 'no-feature-to-feature', from: 'cloudfunctions/features/points/ledger.ts', to: 'cloudfunctions/features/account/collections.ts' },
  ],
  // A type-only import counts.
  'src-imports-server-collections': [{ rule: 'src-imports-types-and-src', from: 'src/pages/checkin.ts', to: 'cloudfunctions/checkin/collections.ts' }],
  'src-imports-module-list': [{ rule: 'src-imports-types-and-src', from: 'src/api/client.ts', to: 'cloudfunctions/functions.ts' }],
  'capability-imports-feature': [
    {
      rule: 'capabilities-import-core-types-capabilities',
      from: 'cloudfunctions/capabilities/review/kinds.ts',
      to: 'cloudfunctions/features/consult/case-kind.ts',
    },
  ],
  'core-imports-capability': [
    { rule: 'core-imports-core-and-types', from: 'cloudfunctions/core/runtime.ts', to: 'cloudfunctions/capabilities/inbox/notify.ts' },
  ],
  'feature-imports-adapter': [
    {
      rule: 'adapters-only-from-entries',
      from: 'cloudfunctions/features/voice/opinions.ts',
      to: 'cloudfunctions/adapters/cloudbase/docstore.cloudbase.ts',
    },
    {
      rule: 'features-import-core-types-capabilities',
      from: 'cloudfunctions/features/voice/opinions.ts',
      to: 'cloudfunctions/adapters/cloudbase/docstore.cloudbase.ts',
    },
  ],
  'sdk-outside-adapters': [
    {
      rule: 'database-sdk-only-in-adapters',
      from: 'cloudfunctions/capabilities/ledger/ledger.ts',
      to: '../../../../node_modules/@cloudbase/node-sdk/dist/index.js',
    },
    {
      rule: 'database-sdk-only-in-adapters',
      from: 'cloudfunctions/core/store/find-all.ts',
      to: '../../../../node_modules/better-sqlite3/lib/index.js',
    },
  ],
  'types-import-code': [{ rule: 'types-import-no-code', from: 'types/consult.ts', to: 'cloudfunctions/features/consult/consult-rules.ts' }],
  cycle: [
    {
      rule: 'no-circular',
      from: 'cloudfunctions/capabilities/seating/quota.ts',
      to: 'cloudfunctions/capabilities/seating/seats.ts → cloudfunctions/capabilities/seating/quota.ts',
    },
  ],
  // An import that resolves nowhere cannot be checked, so it is an error of its own.
  unresolvable: [{ rule: 'no-unresolvable', from: 'cloudfunctions/features/points/points.service.ts', to: '../account/collections.js' }],
};

let found: Record<string, Violation[]>;

beforeAll(() => {
  const trees = Object.keys(EXPECTED).map((name) => `${FIXTURES}/${name}`);
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'tests/support/cruise-boundaries.mts', ...trees], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  found = JSON.parse(output) as Record<string, Violation[]>;
}, 120_000);

it('has an expectation for every fixture tree', () => {
  expect(readdirSync(join(ROOT, FIXTURES)).sort()).toEqual(Object.keys(EXPECTED).sort());
});

it.each(Object.entries(EXPECTED))('%s', (name, violations) => {
  const byRuleThenFrom = (a: Violation, b: Violation) => a.rule.localeCompare(b.rule) || a.from.localeCompare(b.from);
  expect([...(found[`${FIXTURES}/${name}`] ?? [])].sort(byRuleThenFrom)).toEqual([...violations].sort(byRuleThenFrom));
});
