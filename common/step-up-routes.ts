/**
 * The routes that ask for a step-up (issue 16): the second factor, or the password of a user without
 * one, typed again in the last 10 minutes. The server's handlers call `requireStepUp` for exactly these
 * (test/step-up-routes.int.test.ts walks every route to prove it); the web asks for the step-up before
 * following a download link only when the link is one of these, so a plan PDF or a letter downloads
 * without a dialog.
 */
export interface StepUpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path as in the route table, `:name` for a URL parameter. */
  path: string;
  /** Only a request whose JSON body this accepts needs the step-up (a route that needs it for some changes). */
  when?: (body: Record<string, unknown>) => boolean;
  /** Why it is sensitive (for the reader). */
  why: string;
}

/** Deactivating an account or setting another user's password is a permission change. */
const userChangeNeedsStepUp = (body: Record<string, unknown>) =>
  body.active === false || body.password !== undefined;

/** Every route that answers 403 `step_up_required` to a session that is not stepped up. */
export const STEP_UP_ROUTES: readonly StepUpRoute[] = [
  { method: 'GET', path: '/api/reports/export.xlsx', why: 'bulk export' },
  { method: 'GET', path: '/api/reports/export.csv', why: 'bulk export' },
  { method: 'GET', path: '/api/reports/report.pdf', why: 'bulk export' },
  { method: 'GET', path: '/api/watch-list.xlsx', why: 'bulk export of students at risk' },
  { method: 'GET', path: '/api/timesheets.xlsx', why: 'bulk export of staff hours' },
  {
    method: 'GET',
    path: '/api/imports/:id/errors.csv',
    why: 'rows of an imported list, with personal codes',
  },
  { method: 'GET', path: '/api/students/:id/subject-export', why: 'everything held about a student' },
  { method: 'POST', path: '/api/students/pins/generate', why: "a class's PINs" },
  { method: 'POST', path: '/api/students/:id/reveal-code', why: 'a personal code' },
  { method: 'POST', path: '/api/students/:id/erasure', why: "a student's data anonymised for good" },
  { method: 'POST', path: '/api/users', why: 'a new account' },
  { method: 'PATCH', path: '/api/users/:id', when: userChangeNeedsStepUp, why: 'deactivation, a password' },
  { method: 'POST', path: '/api/users/:id/grants', why: 'a permission' },
  { method: 'DELETE', path: '/api/users/:id/grants/:grantId', why: 'a permission' },
  { method: 'POST', path: '/api/users/:id/second-factor/reset', why: "another user's second factor" },
];

const patternOf = (path: string) =>
  new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/:[a-zA-Z]+/g, '[^/?#]+')}$`);
const PATTERNS = STEP_UP_ROUTES.map((r) => ({ ...r, pattern: patternOf(r.path) }));

/** The entry of the list a request matches (`url` may carry a query string), or undefined. */
export function stepUpRouteOf(method: string, url: string): StepUpRoute | undefined {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  return PATTERNS.find((r) => r.method === method.toUpperCase() && r.pattern.test(path));
}

/** Whether a download link (a GET of `url`) asks for a step-up before it is followed. */
export function downloadNeedsStepUp(url: string): boolean {
  return stepUpRouteOf('GET', url) !== undefined;
}
