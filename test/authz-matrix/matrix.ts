/**
 * The authorization matrix: one entry per /api route (method and URL as in the route table).
 *
 * How to add a route (a few lines): put an entry in the domain's file under entries/ —
 *   'POST /api/things/:id/do': { kind: 'student', roles: ['school_director', 'school_coordinator'], audit: true },
 * `kind` says what the URL's id (or the query's/body's id) names, which decides the relations in each
 * role's scope (scope.ts); `roles` are the roles that may do it on a record in scope. The request is the
 * bad-input walk's valid sample (test/bad-input-samples*.ts) with the relation's ids; give `sample`
 * when the route needs other ids (bulk routes: mix `c.own` ids with `c.t` ids). When the state or the
 * sample is refused after the gate, list the status in `ok` and say why in `why`. A new file of
 * entries is added to the list below. The test fails naming any route without an entry and any entry
 * naming no route. Sign-in (and a step-up, when bulk exports, code reveals and grants need one) is in
 * sign-in.ts.
 */

import { planReadEntries } from './entries/plans-read.ts';
import { planWriteEntries } from './entries/plans-write.ts';
import { platformEntries } from './entries/platform.ts';
import { platformWriteEntries } from './entries/platform-write.ts';
import { reportReadEntries } from './entries/reports-read.ts';
import { securityEntries } from './entries/security.ts';
import { studentReadEntries } from './entries/students-read.ts';
import { studentWriteEntries } from './entries/students-write.ts';
import type { Matrix } from './types.ts';

const parts: Matrix[] = [
  platformEntries,
  platformWriteEntries,
  studentReadEntries,
  studentWriteEntries,
  planReadEntries,
  planWriteEntries,
  reportReadEntries,
  securityEntries,
];

/** Every route's entry; a route in two files is an error (the test would not know which one holds). */
export const MATRIX: Matrix = {};
for (const part of parts)
  for (const [key, entry] of Object.entries(part)) {
    if (MATRIX[key]) throw new Error(`authorization matrix: ${key} has two entries`);
    MATRIX[key] = entry;
  }
