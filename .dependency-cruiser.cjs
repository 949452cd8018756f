/**
 * The boundaries of the code, checked on resolved imports (type-only imports included) by dependency-cruiser:
 * `npm run lint:deps`. docs/ARCHITECTURE.md explains the layers; tests/unit/boundaries.test.ts feeds these rules
 * violating trees under tests/fixtures/boundaries/ and expects each rule to catch its own.
 *
 *   cloudfunctions/core/          the kernel: imports core and types only
 *   cloudfunctions/capabilities/  imports core, types and other capabilities
 *   cloudfunctions/features/      imports core, types and capabilities; never another feature
 *   cloudfunctions/adapters/      the only code that talks to CloudBase or SQLite
 *   types/                        the contract: imports no code from the functions, the server or the app
 *   src/                          the mini-program: imports types/ and its own files
 *   server/ scripts/ bench/ tests/  may import anything
 */

/** Code in the repository (an import resolving elsewhere is a package or a node built-in). */
const REPOSITORY = '^(cloudfunctions|types|src|server|scripts|bench|tests|config)/';
const CORE = '^cloudfunctions/core/';
const TYPES = '^types/';
const CAPABILITIES = '^cloudfunctions/capabilities/';
const FEATURES = '^cloudfunctions/features/';
const ADAPTERS = '^cloudfunctions/adapters/';
/** The database SDKs (and their type packages) as resolved into node_modules. */
const DATABASE_SDKS = '(^|/)node_modules/(@cloudbase/|(@types/)?better-sqlite3/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-core-and-types',
      comment: 'Core is the kernel every layer stands on: it imports nothing above it.',
      severity: 'error',
      from: { path: CORE },
      to: { path: REPOSITORY, pathNot: [CORE, TYPES] },
    },
    {
      name: 'capabilities-import-core-types-capabilities',
      comment:
        'A capability serves features; it never reaches up into a feature, a task, the module list or an adapter. ' +
        'What it needs from features (review kinds, figure providers) is injected from the module list.',
      severity: 'error',
      from: { path: CAPABILITIES },
      to: { path: REPOSITORY, pathNot: [CORE, TYPES, CAPABILITIES] },
    },
    {
      name: 'features-import-core-types-capabilities',
      comment: 'A feature stands on capabilities; never on a task, the module list or an adapter.',
      severity: 'error',
      from: { path: FEATURES },
      to: { path: REPOSITORY, pathNot: [CORE, TYPES, CAPABILITIES, FEATURES] },
    },
    {
      name: 'no-feature-to-feature',
      comment:
        'Features sit beside each other: a fact one feature needs from another comes through a capability ' +
        '(or an event a capability carries), never by importing the other feature.',
      severity: 'error',
      from: { path: '^cloudfunctions/features/([^/]+)/' },
      to: { path: FEATURES, pathNot: '^cloudfunctions/features/$1/' },
    },
    {
      name: 'database-sdk-only-in-adapters',
      comment: 'Only cloudfunctions/adapters/ talks to CloudBase or SQLite; the rest uses the document-store port.',
      severity: 'error',
      from: { path: '^(cloudfunctions|types|src)/', pathNot: ADAPTERS },
      to: { path: DATABASE_SDKS },
    },
    {
      name: 'adapters-only-from-entries',
      comment:
        'Functions get their store and runtime through Deps; only the entries the bundler generates (and server/, scripts/, bench/, tests/) pick an adapter.',
      severity: 'error',
      from: { path: '^cloudfunctions/', pathNot: ADAPTERS },
      to: { path: ADAPTERS },
    },
    {
      name: 'types-import-no-code',
      comment: 'The contract is shared by the app and the functions, so it depends on neither.',
      severity: 'error',
      from: { path: TYPES },
      to: { path: REPOSITORY, pathNot: TYPES },
    },
    {
      name: 'src-imports-types-and-src',
      comment: 'The mini-program talks to the functions through the contract in types/ and src/api; server code (even its types) never enters the app bundle.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: REPOSITORY, pathNot: ['^src/', TYPES] },
    },
    {
      name: 'no-circular',
      comment: 'No file reaches itself through its imports: layers stay layers.',
      severity: 'error',
      from: { path: REPOSITORY },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves, so no import slips past the rules above unresolved.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^tests/fixtures/', '^(dist|build|coverage|\\.temp|\\.swc)/'] },
    // Type-only imports count: src/ may not reach server code even for a type.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.cjs', '.mjs', '.json'],
      conditionNames: ['import', 'require', 'node', 'default'],
      exportsFields: ['exports'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
