import { describe, expect, it } from 'vitest';
import { type Role, TASK_ROLES } from '../../../common/roles.ts';
import type { Actor } from '../../platform/actor.ts';
import { can, canAnywhere, policyRule } from '../../platform/policy/gate.ts';
import { TASK_CREATE, TASK_OVERSEE, TASK_WORK, type TaskResource } from './policy.ts';

const S1 = '/n/a/s1/';
const S2 = '/n/a/s2/';

function actor(userId: string, ...grants: [Role, string][]): Actor {
  return {
    userId,
    email: `${userId}@x.lv`,
    firstName: 'U',
    lastName: 'U',
    language: 'lv',
    grants: grants.map(([role, orgPath], i) => ({
      id: String(i),
      role,
      orgPath,
      orgId: orgPath.split('/').filter(Boolean).pop() as string,
      orgType: 'school',
      orgName: orgPath,
    })),
  };
}

const roleTask = (path: string): TaskResource => ({
  orgPath: path,
  orgId: path.split('/').filter(Boolean).pop() as string,
  assigneeUserId: null,
  assigneeRole: 'school_coordinator',
  createdBy: null,
});
const userTask = (path: string, assignee: string, createdBy: string | null = null): TaskResource => ({
  ...roleTask(path),
  assigneeUserId: assignee,
  assigneeRole: null,
  createdBy,
});

describe('task policy', () => {
  it('has one role list shared with the web (TASK_ROLES): no partner, no auditor', () => {
    expect([...(policyRule(TASK_CREATE)?.roles ?? [])].sort()).toEqual([...TASK_ROLES].sort());
    expect(canAnywhere(actor('p', ['partner', S1]), TASK_CREATE)).toBe(false);
    expect(canAnywhere(actor('a', ['auditor', '/n/']), TASK_CREATE)).toBe(false);
    expect(canAnywhere(actor('t', ['teacher', S1]), TASK_CREATE)).toBe(true);
  });

  it('a task for a role is every holder’s of that role there, and no one else’s', () => {
    expect(can(actor('k1', ['school_coordinator', S1]), TASK_WORK, roleTask(S1))).toBe(true);
    expect(can(actor('k2', ['school_coordinator', S2]), TASK_WORK, roleTask(S1))).toBe(false);
    expect(can(actor('t', ['teacher', S1]), TASK_WORK, roleTask(S1))).toBe(false);
    expect(can(actor('m', ['municipal_coordinator', '/n/a/']), TASK_WORK, roleTask(S1))).toBe(false);
  });

  it('a task for a person is that person’s and its maker’s; managers of its school oversee it', () => {
    expect(can(actor('t', ['teacher', S1]), TASK_WORK, userTask(S1, 't'))).toBe(true);
    expect(can(actor('x', ['teacher', S1]), TASK_WORK, userTask(S1, 't'))).toBe(false);
    expect(can(actor('k', ['school_coordinator', S1]), TASK_WORK, userTask(S1, 't', 'k'))).toBe(true);
    expect(can(actor('t', ['teacher', S2]), TASK_WORK, userTask(S1, 't'))).toBe(false);
    expect(can(actor('d', ['school_director', S1]), TASK_OVERSEE, userTask(S1, 't'))).toBe(true);
    expect(can(actor('d', ['school_director', S2]), TASK_OVERSEE, userTask(S1, 't'))).toBe(false);
    expect(can(actor('t', ['teacher', S1]), TASK_OVERSEE, userTask(S1, 'x'))).toBe(false);
  });
});
