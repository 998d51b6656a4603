// The module boundaries of ARCHITECTURE.md, checked by `npm run lint:boundaries` inside `npm test`.
// Scope: src/ (tests, benchmarks and scripts are white-box and may read a module's insides).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-surface-only',
      comment: 'A module uses another module only through its index.ts (service functions and DTO types).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'root-uses-module-surface',
      comment: 'The composition root (http, workers, cli, db seeds, dev simulators) uses a module only through its index.ts. '
        + 'The error catalogue is the one place that lists every module\'s <name>.errors.ts.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/modules/', '^src/platform/errors/catalogue\\.ts$'] },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'catalogue-reads-errors-only',
      severity: 'error',
      from: { path: '^src/platform/errors/catalogue\\.ts$' },
      to: { path: '^src/modules/', pathNot: '\\.errors\\.ts$' },
    },
    {
      name: 'tables-of-their-owner',
      comment: 'A module reads and writes only its own tables (db/schema/<module>.ts). Reports is read-only over all of them.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: '^src/modules/reports/' },
      to: { path: '^src/db/schema/', pathNot: '^src/db/schema/$1\\.ts$' },
    },
    {
      name: 'platform-tables',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/db/schema/', pathNot: '^src/db/schema/platform\\.ts$' },
    },
    {
      name: 'platform-below-modules',
      comment: 'Platform is what every module uses; it knows no module (the error catalogue only lists their codes).',
      severity: 'error',
      from: { path: '^src/platform/', pathNot: '^src/platform/errors/catalogue\\.ts$' },
      to: { path: '^src/(modules|http|workers|cli)/' },
    },
    {
      name: 'heart-depends-on-nothing',
      comment: 'ledger and tariffs are the heart: they import no other module.',
      severity: 'error',
      from: { path: '^src/modules/(ledger|tariffs)/' },
      to: { path: '^src/modules/', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'services-not-http',
      comment: 'Use cases and stores know nothing of HTTP: a new channel (CLI, worker, bank adapter) calls them as they are.',
      severity: 'error',
      from: { path: ['\\.service\\.ts$', '\\.store\\.ts$', '^src/modules/[^/]+/index\\.ts$'] },
      to: { path: '^src/http/' },
    },
    {
      name: 'shared-is-pure',
      comment: 'src/shared holds small pure helpers (money, civil ID, plates, dates): no module, database or HTTP.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(modules|http|db|workers|cli)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.d.ts'] },
  },
};
