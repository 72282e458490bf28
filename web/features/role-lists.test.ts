import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lists from '../../common/roles.ts';
import '../../server/domains/audit/policy.ts';
import '../../server/domains/calendar/policy.ts';
import '../../server/domains/ejournal/policy.ts';
import '../../server/domains/plans/policy.ts';
import '../../server/domains/risks/policy.ts';
import '../../server/domains/students/policy.ts';
import '../../server/domains/budgets/policy.ts';
import '../../server/domains/support/policy.ts';
import '../../server/domains/reports/policy.ts';
import '../../server/domains/outcomes/policy.ts';
import '../../server/domains/risk-score/policy.ts';
import '../../server/domains/flag-validation/policy.ts';
import { policyRule } from '../../server/platform/policy/gate.ts';

const sorted = (roles: readonly string[]) => [...roles].sort();
const rolesOf = (action: string) => sorted(policyRule(action)?.roles ?? []);

/** Every .ts/.tsx source file of the web client, tests left out. */
function webSources(dir = path.resolve(import.meta.dirname, '..')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return webSources(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

describe('role lists: one copy in common/, used by the server policies and the web', () => {
  const pairs: [string, readonly string[], string][] = [
    ['WATCH_LIST_ROLES', lists.WATCH_LIST_ROLES, 'watch_list.view'],
    ['STUDENT_WHOLE_SCOPE_ROLES', lists.STUDENT_WHOLE_SCOPE_ROLES, 'student.view'],
    ['STUDENT_ASSIGNED_ROLES', lists.STUDENT_ASSIGNED_ROLES, 'student.view_assigned'],
    ['MANAGER_ROLES', lists.MANAGER_ROLES, 'student.manage'],
    ['THRESHOLD_ROLES', lists.THRESHOLD_ROLES, 'thresholds.manage'],
    ['LEGAL_DUTY_ROLES', lists.LEGAL_DUTY_ROLES, 'legal_duty.record'],
    ['NATIONAL_ADMIN_ROLES', lists.NATIONAL_ADMIN_ROLES, 'risk_catalogue.manage'],
    ['NATIONAL_ADMIN_ROLES', lists.NATIONAL_ADMIN_ROLES, 'caps.manage'],
    ['NATIONAL_ADMIN_ROLES', lists.NATIONAL_ADMIN_ROLES, 'calendar.manage'],
    ['PLAN_TEAM_ROLES', lists.PLAN_TEAM_ROLES, 'plan.team'],
    ['PLAN_APPROVER_ROLES.director', lists.PLAN_APPROVER_ROLES.director, 'plan.approve.director'],
    ['PLAN_APPROVER_ROLES.municipality', lists.PLAN_APPROVER_ROLES.municipality, 'plan.approve.municipality'],
    ['PLAN_APPROVER_ROLES.expert', lists.PLAN_APPROVER_ROLES.expert, 'plan.approve.expert'],
    ['SUPPORT_ROLES', lists.SUPPORT_ROLES, 'support.record'],
    ['TIMESHEET_ROLES', lists.TIMESHEET_ROLES, 'timesheet.view'],
    ['TIMESHEET_ENTER_ROLES', lists.TIMESHEET_ENTER_ROLES, 'timesheet.enter'],
    ['TIMESHEET_SIGN_OFF_ROLES', lists.TIMESHEET_SIGN_OFF_ROLES, 'timesheet.sign_off'],
    ['PIN_ROLES', lists.PIN_ROLES, 'student.pin_set'],
    ['BUDGET_VIEW_ROLES', lists.BUDGET_VIEW_ROLES, 'budget.view'],
    ['BUDGET_ALLOCATE_ROLES', lists.BUDGET_ALLOCATE_ROLES, 'budget.allocate'],
    ['PAYMENT_ROLES', lists.PAYMENT_ROLES, 'payment.record'],
    ['OVER_CAP_ROLES', lists.OVER_CAP_ROLES, 'over_cap.decide'],
    ['REPORT_ROLES', lists.REPORT_ROLES, 'report.view'],
    ['REPORT_REFRESH_ROLES', lists.REPORT_REFRESH_ROLES, 'report.refresh'],
    ['OUTCOME_ROLES', lists.OUTCOME_ROLES, 'outcome.record'],
    ['RISK_MODEL_ROLES', lists.RISK_MODEL_ROLES, 'risk_score.model'],
    ['NATIONAL_ADMIN_ROLES', lists.NATIONAL_ADMIN_ROLES, 'risk_score.refit'],
    ['WATCH_LIST_ROLES', lists.WATCH_LIST_ROLES, 'risk_score.ranks'],
    ['FLAG_VALIDATION_ROLES', lists.FLAG_VALIDATION_ROLES, 'flag_validation.view'],
  ];
  it.each(pairs)('%s is the roles of %s', (_name, list, action) => {
    expect(sorted(list)).toEqual(rolesOf(action));
  });

  it('leaves no role list of its own in the web client', () => {
    // 'partner' is also an organisation type, so it is not searched for.
    const roleLiteral =
      /['"`](national_admin|expert|municipal_coordinator|school_director|school_coordinator|plan_preparer|specialist|teacher|auditor)['"`]/;
    const offenders = webSources()
      .filter((file) => roleLiteral.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(process.cwd(), file));
    expect(offenders).toEqual([]);
  });

  it('decides no button or page by a role list: the web follows the can the server sends', () => {
    // Role lists of common/roles.ts may appear only as display (role names, option lists); the one
    // left is about the assignee, not the caller: who can be assigned to a student at all.
    const allowed = new Map([
      ['web/features/students/student-staff.tsx', ['STUDENT_ASSIGNED_ROLES', 'ASSIGNABLE_ROLES']],
    ]);
    const offenders = webSources().flatMap((file) => {
      const rel = path.relative(process.cwd(), file);
      const used = [...readFileSync(file, 'utf8').matchAll(/\b([A-Z_]+_ROLES)\b/g)].map((m) => m[1]);
      return [...new Set(used)]
        .filter((name) => !(allowed.get(rel) ?? []).includes(name))
        .map((n) => `${rel}: ${n}`);
    });
    expect(offenders).toEqual([]);
  });
});
