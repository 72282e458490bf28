// A quick check of a running server, for the production start (notes/build.md):
//   node scripts/smoke.mjs http://127.0.0.1:3000 [--no-sign-in]
// health, the client and a client-side route, signing in as a demo account through the API, and a
// class-list upload (parsed in the import worker thread). Exits non-zero on the first failure.
import { passSecondFactorHttp } from './second-factor-http.mjs';

const base = (process.argv[2] ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const signIn = !process.argv.includes('--no-sign-in'); // without the demo there is no one to sign in as
const cookies = new Map();

async function call(method, url, { body, headers = {}, expect = 200 } = {}) {
  const response = await fetch(`${base}${url}`, {
    method,
    body,
    headers: { ...headers, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at), pair.slice(at + 1));
  }
  const text = await response.text();
  if (response.status !== expect)
    throw new Error(`${method} ${url}: ${response.status} (expected ${expect}) ${text.slice(0, 200)}`);
  console.log(`ok  ${method} ${url} ${response.status}`);
  return response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
}

/** Headers with the session's cookies (the second factor's own requests). */
const sessionHeaders = (headers) => ({
  ...headers,
  cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
});

// A server that is still starting refuses connections: wait for it (up to 4 minutes).
for (let tries = 0; ; tries++) {
  try {
    await fetch(`${base}/api/health`);
    break;
  } catch (err) {
    if (tries >= 480) throw err;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
const health = await call('GET', '/api/health');
if (health.status !== 'ok') throw new Error(`health: ${JSON.stringify(health)}`);
for (const page of ['/', '/students']) {
  const html = await call('GET', page);
  if (!/<div id="root">/.test(html)) throw new Error(`${page}: not the client's index.html`);
}
if (!signIn) {
  console.log('smoke check passed (no sign-in)');
  process.exit(0);
}
const { token } = await call('GET', '/api/auth/csrf');
const json = { 'content-type': 'application/json', 'x-csrf-token': token };
const { user, secondFactor } = await call('POST', '/api/auth/login', {
  headers: json,
  body: JSON.stringify({ email: 'koord.s1@demo.pumpurs.lv', password: 'Pumpurs-demo-1' }),
});
await passSecondFactorHttp(base, sessionHeaders(json), user.email, secondFactor);
console.log(`    signed in as ${user.email} (${user.grants.map((g) => g.role).join(', ')})`);
const school = user.grants.find((g) => g.organisationType === 'school');
const csv = 'Personas kods;Vārds;Uzvārds;Klase\r\n010110-20008;Ēriks;Šķēle;7.a\r\n';
const upload = await call(
  'POST',
  `/api/imports/students?schoolId=${school.organisationId}&fileName=smoke.csv`,
  {
    headers: { 'content-type': 'text/csv', 'x-csrf-token': token },
    body: csv,
    expect: 201,
  },
);
if (upload.rowCount !== 1) throw new Error(`upload: ${JSON.stringify(upload)}`);
console.log(`    class list parsed in the worker: ${upload.rowCount} row, ${upload.format}`);
await call('POST', '/api/auth/logout', { headers: { 'x-csrf-token': token } });
console.log('smoke check passed');
