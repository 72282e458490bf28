import { describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.ts';
import '../../domains/audit/policy.ts';
import '../../domains/ejournal/policy.ts';
import '../../domains/organisations/policy.ts';
import '../../domains/plans/policy.ts';
import '../../domains/risks/policy.ts';
import '../../domains/students/policy.ts';
import '../../domains/budgets/policy.ts';
import '../../domains/support/policy.ts';
import '../../domains/users/policy.ts';
import { ROLES } from '../../../common/roles.ts';
import type { Actor } from '../actor.ts';
import {
  assignedScopePaths,
  can,
  canAnywhere,
  definePolicies,
  listPolicyActions,
  policyRule,
  scopePaths,
} from './gate.ts';

const NATION = '/n/';
const MUN_A = '/n/a/';
const MUN_B = '/n/b/';
const SCHOOL_A1 = '/n/a/s1/';
const SCHOOL_A2 = '/n/a/s2/';
const SCHOOL_B5 = '/n/b/s5/';

function actor(...grants: [Role, string][]): Actor {
  return {
    userId: 'u',
    email: 'u@x.lv',
    firstName: 'U',
    lastName: 'U',
    language: 'lv',
    grants: grants.map(([role, orgPath], i) => ({
      id: String(i),
      role,
      orgPath,
      orgId: orgPath.split('/').filter(Boolean).pop() as string,
      orgType: orgPath === NATION ? 'nation' : orgPath.split('/').length === 4 ? 'municipality' : 'school',
      orgName: orgPath,
    })),
  };
}

describe('policy gate', () => {
  it('denies everything to no actor and any unknown action', () => {
    expect(can(null, 'user.view', { orgPath: SCHOOL_A1 })).toBe(false);
    expect(can(actor(['national_admin', NATION]), 'no.such.action', { orgPath: SCHOOL_A1 })).toBe(false);
  });

  it('knows the foundation actions', () => {
    expect(listPolicyActions()).toEqual(
      expect.arrayContaining([
        'audit.view',
        'organisation.create',
        'organisation.update',
        'organisation.view',
        'user.grant',
        'user.manage',
        'user.view',
      ]),
    );
  });

  // The table: role of the grant (on its org) × target org → may view users there?
  const userView: [Role, string, string, boolean][] = [
    ['national_admin', NATION, SCHOOL_B5, true],
    ['municipal_coordinator', MUN_A, SCHOOL_A1, true],
    ['municipal_coordinator', MUN_A, MUN_A, true],
    ['municipal_coordinator', MUN_A, SCHOOL_B5, false],
    ['municipal_coordinator', MUN_A, NATION, false],
    ['school_director', SCHOOL_A1, SCHOOL_A1, true],
    ['school_director', SCHOOL_A1, SCHOOL_A2, false],
    ['school_coordinator', SCHOOL_A1, SCHOOL_A1, true],
    ['school_coordinator', SCHOOL_A1, SCHOOL_A2, false],
    ['school_coordinator', SCHOOL_A1, MUN_A, false],
    ['teacher', SCHOOL_A1, SCHOOL_A1, false],
    ['plan_preparer', SCHOOL_A1, SCHOOL_A1, false],
    ['specialist', SCHOOL_A1, SCHOOL_A1, false],
    ['partner', MUN_A, SCHOOL_A1, false],
    ['auditor', NATION, SCHOOL_A1, false],
    ['expert', MUN_A, SCHOOL_A1, false],
  ];
  it.each(userView)('user.view: %s on %s → %s is %s', (role, grantPath, target, expected) => {
    expect(can(actor([role, grantPath]), 'user.view', { orgPath: target })).toBe(expected);
  });

  const grants: [Role, string, Role, string, boolean][] = [
    ['national_admin', NATION, 'national_admin', NATION, true],
    ['municipal_coordinator', MUN_A, 'school_director', SCHOOL_A1, true],
    ['municipal_coordinator', MUN_A, 'municipal_coordinator', MUN_A, true],
    ['municipal_coordinator', MUN_A, 'expert', MUN_A, false],
    ['municipal_coordinator', MUN_A, 'national_admin', NATION, false],
    ['municipal_coordinator', MUN_A, 'teacher', SCHOOL_B5, false],
    ['school_director', SCHOOL_A1, 'school_coordinator', SCHOOL_A1, true],
    ['school_director', SCHOOL_A1, 'school_director', SCHOOL_A1, false],
    ['school_coordinator', SCHOOL_A1, 'teacher', SCHOOL_A1, true],
    ['school_coordinator', SCHOOL_A1, 'school_coordinator', SCHOOL_A1, false],
    ['school_coordinator', SCHOOL_A1, 'school_director', SCHOOL_A1, false],
    ['school_coordinator', SCHOOL_A1, 'teacher', SCHOOL_A2, false],
    ['teacher', SCHOOL_A1, 'teacher', SCHOOL_A1, false],
  ];
  it.each(grants)(
    'user.grant: %s on %s may grant %s on %s: %s',
    (role, grantPath, newRole, target, expected) => {
      expect(can(actor([role, grantPath]), 'user.grant', { orgPath: target, role: newRole })).toBe(expected);
    },
  );

  it('lets only the national admin create a municipality, and a municipal coordinator a school in its own municipality', () => {
    expect(
      can(actor(['national_admin', NATION]), 'organisation.create', {
        orgPath: NATION,
        type: 'municipality',
      }),
    ).toBe(true);
    expect(
      can(actor(['municipal_coordinator', MUN_A]), 'organisation.create', {
        orgPath: NATION,
        type: 'municipality',
      }),
    ).toBe(false);
    expect(
      can(actor(['municipal_coordinator', MUN_A]), 'organisation.create', { orgPath: MUN_A, type: 'school' }),
    ).toBe(true);
    expect(
      can(actor(['municipal_coordinator', MUN_A]), 'organisation.create', { orgPath: MUN_B, type: 'school' }),
    ).toBe(false);
    expect(
      can(actor(['school_director', SCHOOL_A1]), 'organisation.create', {
        orgPath: SCHOOL_A1,
        type: 'partner',
      }),
    ).toBe(false);
  });

  it('keeps a municipal coordinator from editing the municipality itself', () => {
    const a = actor(['municipal_coordinator', MUN_A]);
    expect(can(a, 'organisation.update', { orgPath: SCHOOL_A1, id: 's1' })).toBe(true);
    expect(can(a, 'organisation.update', { orgPath: MUN_A, id: 'a' })).toBe(false);
  });

  it('resolves scope to the widest grants only, and nothing for roles without the action', () => {
    const a = actor(
      ['school_coordinator', SCHOOL_A1],
      ['municipal_coordinator', MUN_A],
      ['teacher', SCHOOL_B5],
    );
    expect(scopePaths(a, 'user.view')).toEqual([MUN_A]);
    expect(scopePaths(actor(['teacher', SCHOOL_A1]), 'user.view')).toEqual([]);
    expect(canAnywhere(actor(['teacher', SCHOOL_A1]), 'audit.view')).toBe(false);
    // The auditor reads the audit log of its grant: on the nation, the whole country.
    expect(scopePaths(actor(['auditor', NATION]), 'audit.view')).toEqual([NATION]);
  });

  describe('lists and rules with a condition', () => {
    const assigned = (_g: unknown, r: { assignedUserIds: readonly string[] }, a: { userId: string }) =>
      r.assignedUserIds.includes(a.userId);
    definePolicies<{ orgPath: string; assignedUserIds: readonly string[] }>({
      'test.condition_only': { roles: ['school_coordinator', 'plan_preparer'], when: assigned },
      'test.by_grant': {
        roles: ['school_coordinator', 'plan_preparer'],
        when: (g, r, a) => g.role !== 'plan_preparer' || assigned(g, r, a),
        listScope: { grant: (g) => g.role !== 'plan_preparer' },
      },
      'test.assigned': { roles: ['plan_preparer'], when: assigned, listScope: { assignedToCaller: true } },
    });

    it('gives no list scope for a rule whose condition the gate cannot check without the record', () => {
      expect(scopePaths(actor(['plan_preparer', SCHOOL_A1]), 'test.condition_only')).toEqual([]);
      expect(scopePaths(actor(['school_coordinator', SCHOOL_A1]), 'test.condition_only')).toEqual([]);
      // The record-by-record check still works.
      expect(
        can(actor(['plan_preparer', SCHOOL_A1]), 'test.condition_only', {
          orgPath: SCHOOL_A1,
          assignedUserIds: ['u'],
        }),
      ).toBe(true);
    });

    it('keeps only the grants whose declared grant condition holds', () => {
      const a = actor(['school_coordinator', SCHOOL_A1], ['plan_preparer', SCHOOL_A2]);
      expect(scopePaths(a, 'test.by_grant')).toEqual([SCHOOL_A1]);
      expect(scopePaths(actor(['plan_preparer', SCHOOL_A2]), 'test.by_grant')).toEqual([]);
    });

    it('gives assigned-only scope only through assignedScopePaths, never as a whole subtree', () => {
      const a = actor(['plan_preparer', SCHOOL_A1]);
      expect(scopePaths(a, 'test.assigned')).toEqual([]);
      expect(assignedScopePaths(a, 'test.assigned')).toEqual([SCHOOL_A1]);
      expect(assignedScopePaths(a, 'test.by_grant')).toEqual([]);
      expect(assignedScopePaths(a, 'test.condition_only')).toEqual([]);
    });

    it('does not give a plan preparer the whole school through the real plan and student rules', () => {
      const prep = actor(['plan_preparer', SCHOOL_A1]);
      for (const action of ['plan.team', 'student.consent', 'student.reveal_code', 'student_risks.sensitive'])
        expect(scopePaths(prep, action)).toEqual([]);
      expect(scopePaths(actor(['school_coordinator', SCHOOL_A1]), 'plan.team')).toEqual([SCHOOL_A1]);
      expect(scopePaths(actor(['teacher', SCHOOL_A1]), 'student.view_assigned')).toEqual([]);
      expect(assignedScopePaths(actor(['teacher', SCHOOL_A1]), 'student.view_assigned')).toEqual([SCHOOL_A1]);
    });

    it('declares only grant conditions that imply the rule for every record in the subtree', () => {
      // For every rule that opts into lists by grant: whenever the grant condition holds, the rule's
      // own condition must hold for any record under the grant — even one assigned to nobody.
      const record = {
        orgPath: SCHOOL_A1,
        assignedUserIds: [],
        id: 'other',
        type: 'school',
        role: 'teacher',
      };
      for (const action of listPolicyActions()) {
        const rule = policyRule(action);
        if (!rule?.when || !rule.listScope || !('grant' in rule.listScope)) continue;
        for (const role of ROLES) {
          const a = actor([role, SCHOOL_A1]);
          if (rule.roles.includes(role) && rule.listScope.grant(a.grants[0], a))
            expect(rule.when(a.grants[0], record as never, a), `${action} for ${role}`).toBe(true);
        }
      }
    });
  });
});
