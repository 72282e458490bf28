import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise, type ICruiseOptions, type IViolation } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

// The project's rules, exactly as `npm run check:deps` reads them.
const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const moduleRules = require(path.join(root, '.dependency-cruiser.cjs'));
const domainRules = require(path.join(root, '.dependency-cruiser-domains.cjs'));

type RuleSet = { forbidden: unknown[]; options: Record<string, unknown> };

/** Runs one rule set over `paths` (relative to `baseDir`) and returns the violations. */
async function violations(config: RuleSet, baseDir: string, paths: string[]): Promise<IViolation[]> {
  const cruiseOptions = {
    ...config.options,
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  } as ICruiseOptions;
  const result = await cruise(paths, cruiseOptions);
  if (typeof result.output === 'string') throw new Error('expected a cruise result, got a report');
  return result.output.summary.violations;
}

const names = (found: IViolation[]) => found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();

describe('dependency rules (.dependency-cruiser.cjs, .dependency-cruiser-domains.cjs)', () => {
  const fixture = path.join(root, 'test/fixtures/deps');

  it('report each kind of violation in a tiny tree that breaks them', async () => {
    const found = names(await violations(moduleRules, fixture, ['server', 'common', 'web', 'bench']));
    expect(found).toEqual([
      'common-not-server-or-web: common/contract.ts → server/platform/clock.ts',
      'domain-via-index-only: server/domains/alpha/service.ts → server/domains/beta/repo.ts',
      'platform-not-domains: server/platform/clock.ts → server/domains/alpha/index.ts',
      'repo-only-inside-domain: bench/seed.ts → server/domains/alpha/repo.ts',
      'web-not-server: web/page.ts → server/domains/beta/index.ts',
    ]);
  }, 120_000);

  it('report a cycle between domains even when each import goes through an index', async () => {
    const found = await violations(domainRules, fixture, ['server/domains']);
    expect(found.map((v) => v.rule.name)).toContain('no-circular-domains');
    expect(found.flatMap((v) => [v.from, v.to]).sort()).toEqual(
      expect.arrayContaining(['server/domains/alpha', 'server/domains/beta']),
    );
  }, 120_000);

  it('find none in the real tree', async () => {
    expect(
      names(await violations(moduleRules, root, ['server', 'common', 'web', 'test', 'e2e', 'bench'])),
    ).toEqual([]);
    expect(names(await violations(domainRules, root, ['server/domains']))).toEqual([]);
  }, 300_000);
});
