import type { Role } from '../../../common/roles.ts';
import type { Actor, ActorGrant } from '../actor.ts';

/**
 * The one authorization gate. Every action is a row in the policy table: which roles allow it,
 * and an optional extra condition. A grant allows an action on a resource when the resource's
 * organisation lies in the grant's subtree. Anything not in the table is denied.
 */
export interface PolicyRule<R = OrgResource> {
  roles: readonly Role[];
  /** Extra condition on the grant that matched; deny when it returns false. */
  when?: (grant: ActorGrant, resource: R, actor: Actor) => boolean;
  /**
   * What a rule with `when` means for lists. A list is built from organisation paths before any
   * record is loaded, so the gate cannot evaluate a condition on the record: a rule with `when`
   * gives no list scope at all (deny by default) unless it declares one of
   * - `grant`: a condition on the grant alone that implies `when` for every record under the grant
   *   (gate.test.ts checks the implication); `scopePaths` keeps the grants for which it holds;
   * - `assignedToCaller`: the grant covers only records assigned to the caller; its paths come only
   *   from `assignedScopePaths`, and the list query must also filter by assignment.
   */
  listScope?: ListScope;
}

/** How a rule with a condition is turned into list scope (see PolicyRule.listScope). */
export type ListScope = { grant: (grant: ActorGrant, actor: Actor) => boolean } | { assignedToCaller: true };

/** The minimum every resource tells the gate: the path of the organisation it belongs to. */
export interface OrgResource {
  orgPath: string;
}

const table = new Map<string, PolicyRule<never>>();

/** Domains register their rows at import time (see server/domains/<domain>/policy.ts). */
export function definePolicies<R extends OrgResource>(rules: Record<string, PolicyRule<R>>): void {
  for (const [action, rule] of Object.entries(rules)) {
    if (table.has(action)) throw new Error(`policy ${action} defined twice`);
    table.set(action, rule as PolicyRule<never>);
  }
}

/** Every action the table knows, for the authorization matrix tests. */
export function listPolicyActions(): string[] {
  return [...table.keys()].sort();
}

/** True when `path` lies in the subtree rooted at `scopePath` (paths look like '/a/b/'). */
export function isInSubtree(scopePath: string, path: string): boolean {
  return path.startsWith(scopePath);
}

/** Whether the actor may do `action` on `resource`. Deny unless a rule allows. */
export function can<R extends OrgResource>(actor: Actor | null, action: string, resource: R): boolean {
  if (!actor) return false;
  const rule = table.get(action) as PolicyRule<R> | undefined;
  if (!rule) return false;
  return actor.grants.some(
    (g) =>
      rule.roles.includes(g.role) &&
      isInSubtree(g.orgPath, resource.orgPath) &&
      (rule.when ? rule.when(g, resource, actor) : true),
  );
}

/**
 * The caller's abilities on one record: for each name, whether the gate allows its action. Responses
 * carry this as `can`, computed by the very rows that guard the routes, so a client never keeps its
 * own copy of the rules.
 */
export function abilities<R extends OrgResource, K extends string>(
  actor: Actor | null,
  actions: Readonly<Record<K, string>>,
  resource: R,
): Record<K, boolean> {
  const out = {} as Record<K, boolean>;
  for (const key of Object.keys(actions) as K[]) out[key] = can(actor, actions[key], resource);
  return out;
}

const recordAbilities = new Map<string, Map<string, readonly string[]>>();

/**
 * Names an ability a kind of record carries in its responses' `can`, and the gate action behind it
 * (several: any of them). Each domain registers the abilities of its own actions in its policy.ts
 * (plans registers `createPlan` on a student), so the record's presenter imports no other domain.
 */
export function defineAbilities(kind: string, named: Record<string, string | readonly string[]>): void {
  const known = recordAbilities.get(kind) ?? new Map<string, readonly string[]>();
  for (const [name, action] of Object.entries(named)) {
    if (known.has(name)) throw new Error(`ability ${kind}.${name} defined twice`);
    known.set(name, typeof action === 'string' ? [action] : action);
  }
  recordAbilities.set(kind, known);
}

/** Every registered ability of a kind of record, with its gate actions (for tests and presenters). */
export function abilityActions(kind: string): Record<string, readonly string[]> {
  return Object.fromEntries(recordAbilities.get(kind) ?? []);
}

/** The caller's registered abilities on one record of `kind` (see defineAbilities). */
export function abilitiesOn<R extends OrgResource>(
  actor: Actor | null,
  kind: string,
  resource: R,
): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [name, actions] of recordAbilities.get(kind) ?? [])
    out[name] = actions.some((a) => can(actor, a, resource));
  return out;
}

/**
 * The caller's registered abilities of `kind` anywhere (page-level navigation: /api/me registers
 * its abilities as kind 'navigation'); true when some grant holds one of the action's roles.
 */
export function abilitiesAnywhereOn(actor: Actor | null, kind: string): Record<string, boolean> {
  return abilitiesAnywhere(actor, abilityActions(kind));
}

/** For each name, whether the action may be allowed somewhere at all (page-level navigation of /api/me). */
export function abilitiesAnywhere<K extends string>(
  actor: Actor | null,
  actions: Readonly<Record<K, string | readonly string[]>>,
): Record<K, boolean> {
  const out = {} as Record<K, boolean>;
  for (const key of Object.keys(actions) as K[]) {
    const a: string | readonly string[] = actions[key];
    const list: readonly string[] = typeof a === 'string' ? [a] : a;
    out[key] = list.some((x) => canAnywhere(actor, x));
  }
  return out;
}

/** Drops paths already covered by a shorter one. */
function widest(paths: string[]): string[] {
  const unique = [...new Set(paths)];
  return unique.filter((p) => !unique.some((q) => q !== p && p.startsWith(q)));
}

/**
 * The organisation subtrees in which the actor may do `action` on every record — the scope that
 * repos put into their WHERE clause for lists. Empty means nothing. A rule with `when` counts only
 * through its declared `listScope.grant` (see PolicyRule.listScope).
 */
export function scopePaths(actor: Actor | null, action: string): string[] {
  if (!actor) return [];
  const rule = table.get(action);
  if (!rule) return [];
  const byGrant = rule.listScope && 'grant' in rule.listScope ? rule.listScope.grant : null;
  if (rule.when && !byGrant) return [];
  return widest(
    actor.grants
      .filter((g) => rule.roles.includes(g.role) && (!byGrant || byGrant(g, actor)))
      .map((g) => g.orgPath),
  );
}

/**
 * The subtrees in which the actor may do `action` on the records assigned to the actor, for rules
 * that declare `listScope: { assignedToCaller: true }`; the list query must filter by assignment.
 */
export function assignedScopePaths(actor: Actor | null, action: string): string[] {
  if (!actor) return [];
  const rule = table.get(action);
  if (!rule?.listScope || !('assignedToCaller' in rule.listScope)) return [];
  return widest(actor.grants.filter((g) => rule.roles.includes(g.role)).map((g) => g.orgPath));
}

/** The rule of an action, for the gate's own tests. */
export function policyRule(action: string): PolicyRule<never> | undefined {
  return table.get(action);
}

/**
 * Whether the action may be allowed somewhere at all (drives navigation and coarse 403s only;
 * every record is still checked with `can`): a grant with one of the rule's roles. A rule's
 * condition may still refuse every record — this never opens a list.
 */
export function canAnywhere(actor: Actor | null, action: string): boolean {
  if (!actor) return false;
  const rule = table.get(action);
  return rule !== undefined && actor.grants.some((g) => rule.roles.includes(g.role));
}
