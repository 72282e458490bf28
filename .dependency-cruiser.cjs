/**
 * The dependency rules the build enforces (`npm run check:deps`, run by .ci/run before the tests).
 * notes/boundaries.md explains them; test/dependency-rules.test.ts shows each one failing on a tiny
 * fixture tree (test/fixtures/deps/) and the real tree passing.
 *
 * A domain is a folder server/domains/<d>/. Its index.ts is its public module: service functions,
 * types and policy action constants others may use. Inside a domain files import each other freely.
 * The rule that domains form no cycle is checked over the domains alone, in
 * .dependency-cruiser-domains.cjs (the script runs both).
 */

/** Test files: a domain's tests may reach their own domain's internals (the same-domain exception
 * of the first rule covers that); the web's and the platform's tests may load server modules to
 * check them against each other (role lists, the gate with every domain's rules). */
const TEST_FILE = '\\.test\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-via-index-only',
      comment:
        "A domain uses another domain only through that domain's public module server/domains/<d>/index.ts " +
        '(never its repo, service, policy or any other file).',
      severity: 'error',
      from: { path: '^server/domains/([^/]+)/' },
      to: {
        path: '^server/domains/',
        pathNot: ['^server/domains/$1/', '^server/domains/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'repo-only-inside-domain',
      comment:
        "A domain's repo (repo.ts, *-repo.ts) is imported only inside its own domain: the composition roots " +
        '(app, CLI, demo seed, housekeeping), bench/, test/ and e2e/ reach a domain through its index.ts too.',
      severity: 'error',
      from: { pathNot: '^server/domains/' },
      to: { path: '^server/domains/[^/]+/[^/]*repo\\.ts$' },
    },
    {
      name: 'platform-not-domains',
      comment: 'The platform never knows a domain: domains build on the platform, not the other way round.',
      severity: 'error',
      from: {
        path: '^server/platform/',
        pathNot: [TEST_FILE],
      },
      to: { path: '^server/domains/' },
    },
    {
      name: 'platform-files-via-index',
      comment: 'File storage is used through server/platform/files/index.ts, not through its repo or checks.',
      severity: 'error',
      from: { path: '^(server|test|bench|e2e)/', pathNot: '^server/platform/files/' },
      to: { path: '^server/platform/files/', pathNot: '^server/platform/files/index\\.ts$' },
    },
    {
      name: 'common-not-server-or-web',
      comment: 'common/ is shared by the server and the web: it imports neither.',
      severity: 'error',
      from: { path: '^common/' },
      to: { path: '^(server|web)/' },
    },
    {
      name: 'web-not-server',
      comment: 'The web client talks to the server over HTTP only; shared contracts live in common/.',
      severity: 'error',
      from: { path: '^web/', pathNot: TEST_FILE },
      to: { path: '^server/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    includeOnly: '^(server|common|web|test|e2e|bench)/',
    // Type-only imports are dependencies too: a cycle through types is still a cycle.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
