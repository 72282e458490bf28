import type { BenchClient } from './http-client.ts';
import { signInHttp } from './lib.ts';
import type { Operation } from './open-loop.ts';
import { BENCH_PASSWORD, type WorkloadFixture } from './workload-fixture.ts';

/** A signed-in account: its cookies, CSRF token and the organisation it works in. */
interface Signed {
  cookie: string;
  csrf: string;
  orgId: string;
}

/**
 * The mix, in shares of all requests: what a day of coordinators and specialists looks like, lists
 * and pages read far more often than anything is written, sign-in rare but costly (argon2).
 */
export const MIX_WEIGHTS = {
  'sign-in': 2,
  'student list, school': 12,
  'student list, municipality': 8,
  search: 10,
  'student page': 18,
  'watch list, school': 6,
  'watch list, municipality': 4,
  'plan queue': 6,
  'plan page': 12,
  'record a session': 5,
  'start-page counts (tasks)': 9,
  'start-page counts (watch list)': 8,
} as const;

export type MixOperation = keyof typeof MIX_WEIGHTS;

/** The operations of the mix against a running server, signed in as the fixture's accounts. */
export async function buildMix(
  base: string,
  client: BenchClient,
  fixture: WorkloadFixture,
  random: () => number,
): Promise<Operation[]> {
  const signIn = async (email: string, orgId = ''): Promise<Signed> => ({
    ...(await signInHttp(base, email, BENCH_PASSWORD)),
    orgId,
  });
  const municipal = await Promise.all(fixture.municipalCoordinators.map((a) => signIn(a.email, a.orgId)));
  const school: Signed[] = [];
  for (const a of fixture.schoolCoordinators) school.push(await signIn(a.email, a.orgId));
  const providers = new Map<string, Signed>();
  for (const t of fixture.sessionTargets)
    if (!providers.has(t.providerEmail) && providers.size < 20)
      providers.set(t.providerEmail, await signIn(t.providerEmail));
  const targets = fixture.sessionTargets.filter((t) => providers.has(t.providerEmail));
  // One CSRF pair serves every sign-in request; the accounts rotate so no two attempts on one
  // account overlap (the server answers a parallel attempt with 429 sign_in_slowed).
  const csrf = await signInHttp(base, fixture.signInEmails[0], BENCH_PASSWORD);
  const csrfCookie = csrf.cookie.split('; ')[0];
  const busy = new Set<string>();
  let nextAccount = 0;
  let sessionNo = 0;
  // Unique across runs too (a reused database keeps the sessions of earlier runs).
  const runTag = Date.now().toString(36);

  const any = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const get = (who: Signed, path: string) => client.request('GET', path, { cookie: who.cookie });
  const schoolWith = (map: Map<string, string[]>) => {
    const withRecords = school.filter((s) => (map.get(s.orgId)?.length ?? 0) > 0);
    if (withRecords.length === 0) return null;
    return () => {
      const who = any(withRecords);
      return { who, id: any(map.get(who.orgId) ?? []) };
    };
  };
  const studentOf = schoolWith(fixture.studentsBySchool);
  const planOf = schoolWith(fixture.plansBySchool);

  const run: Record<MixOperation, (() => Promise<number>) | null> = {
    'sign-in': async () => {
      let email = fixture.signInEmails[nextAccount++ % fixture.signInEmails.length];
      for (let k = 0; busy.has(email) && k < fixture.signInEmails.length; k++)
        email = fixture.signInEmails[nextAccount++ % fixture.signInEmails.length];
      busy.add(email);
      try {
        return await client.request(
          'POST',
          '/api/auth/login',
          { cookie: csrfCookie, 'x-csrf-token': csrf.csrf },
          JSON.stringify({ email, password: BENCH_PASSWORD }),
        );
      } finally {
        busy.delete(email);
      }
    },
    'student list, school': () => get(any(school), '/api/students?pageSize=50'),
    'student list, municipality': () => get(any(municipal), '/api/students?pageSize=50'),
    search: () =>
      get(any(municipal), `/api/students?pageSize=20&q=${encodeURIComponent(any(fixture.searchTerms))}`),
    'student page': studentOf
      ? () => {
          const { who, id } = studentOf();
          return get(who, `/api/students/${id}`);
        }
      : null,
    'watch list, school': () => get(any(school), '/api/watch-list?pageSize=50'),
    'watch list, municipality': () => get(any(municipal), '/api/watch-list?pageSize=50'),
    'plan queue': () => get(any(municipal), '/api/approvals?pageSize=50'),
    'plan page': planOf
      ? () => {
          const { who, id } = planOf();
          return get(who, `/api/plans/${id}`);
        }
      : null,
    'record a session':
      targets.length === 0
        ? null
        : () => {
            const t = any(targets);
            const who = providers.get(t.providerEmail) as Signed;
            sessionNo += 1;
            // A distinct topic and time each time: never refused as a duplicate recording.
            const minute = sessionNo % 600;
            return client.request(
              'POST',
              '/api/support/sessions',
              { cookie: who.cookie, 'x-csrf-token': who.csrf },
              JSON.stringify({
                onDate: t.onDate,
                startTime: `${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
                minutes: 10,
                mode: 'in_person',
                topic: `Bench ${runTag} ${sessionNo}`,
                participants: [{ studentId: t.studentId, planId: t.planId, measureId: t.measureId }],
              }),
            );
          },
    'start-page counts (tasks)': () => get(any([...municipal, ...school]), '/api/tasks/counts'),
    'start-page counts (watch list)': () => get(any([...municipal, ...school]), '/api/watch-list/summary'),
  };
  return (Object.keys(MIX_WEIGHTS) as MixOperation[]).flatMap((name) => {
    const fn = run[name];
    return fn ? [{ name, weight: MIX_WEIGHTS[name], run: fn }] : [];
  });
}
