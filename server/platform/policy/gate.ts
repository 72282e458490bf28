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
}

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
 * The organisation subtrees in which the actor may do `action` — the scope that repos put into
 * their WHERE clause for lists. Empty means nothing.
 */
export function scopePaths(actor: Actor | null, action: string): string[] {
  if (!actor) return [];
  const rule = table.get(action);
  if (!rule) return [];
  const paths = actor.grants.filter((g) => rule.roles.includes(g.role)).map((g) => g.orgPath);
  // Drop paths already covered by a shorter one.
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}

/** Whether the action is allowed anywhere at all (drives navigation). */
export function canAnywhere(actor: Actor | null, action: string): boolean {
  return scopePaths(actor, action).length > 0;
}
