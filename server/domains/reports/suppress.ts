/**
 * Small-number suppression for the auditor view (issue 14). Pure: no database, no clock.
 *
 * Primary: a count from 1 to 4 is suppressed; so is any figure (a count or not: hours, cents, days,
 * lessons, a mark, a budget) resting on 1 to 4 distinct students.
 *
 * Secondary: a group is the cells shown together with a total that is their sum (the cells of one
 * indicator and its total; one headline column of the children table and the organisation's own
 * figure). When a group holds suppressed cells and its total is visible, subtraction gives their sum;
 * so while only one cell is suppressed, or (for counts) the sum the attacker can derive is below 5 —
 * a small sum pins the values — or exactly 4 for each suppressed cell (all would be 4), the next smallest visible non-zero cell is suppressed as well, or the
 * total when none is left. A figure shown in two places (a linked set) is suppressed in both. The
 * rules are applied until nothing changes; a suppressed cell then loses its value and its students.
 */

/** A figure as the rules see it (TReportCell satisfies it; the cells are changed in place). */
export interface Figure {
  value: number | null;
  students: number | null;
  suppressed: boolean;
}

/** Units that count things one by one (the others are amounts: hours, cents, days, lessons, mark, budget). */
export const COUNT_UNITS: ReadonlySet<string> = new Set([
  'students',
  'plans',
  'records',
  'referrals',
  'measures',
  'schools',
  'municipalities',
]);

export const isCountUnit = (unit: string): boolean => COUNT_UNITS.has(unit);

const small = (n: number | null): boolean => n !== null && n >= 1 && n <= 4;

/** Whether a figure falls under the primary rule. */
export function primarySuppressed(unit: string, f: Figure): boolean {
  if (f.value === null) return false;
  if (isCountUnit(unit) && small(Math.round(f.value))) return true;
  return small(f.students);
}

/** Cells shown together with the total that is their sum (null: no total shown). */
export interface Group {
  unit: string;
  members: Figure[];
  total: Figure | null;
}

function visibleSum(members: Figure[]): number {
  return members.reduce((a, m) => a + (m.suppressed ? 0 : (m.value ?? 0)), 0);
}

/** One step of the secondary rule on a group; true when it suppressed something. */
function protectGroup(g: Group): boolean {
  const hidden = g.members.filter((m) => m.suppressed);
  if (hidden.length === 0 || !g.total || g.total.suppressed || g.total.value === null) return false;
  const derived = g.total.value - visibleSum(g.members);
  const count = isCountUnit(g.unit);
  const visible = g.members.filter((m) => !m.suppressed && m.value !== null && m.value !== 0);
  // An amount's total over nothing but suppressed cells rests on small groups itself.
  // Counts: a sum below 5 pins them, and so does 4 for each (every hidden count at the most it can be).
  const exposed =
    hidden.length === 1 ||
    (count && (derived < 5 || derived === 4 * hidden.length)) ||
    (!count && visible.length === 0);
  if (!exposed) return false;
  const next = visible.sort((a, b) => (a.value ?? 0) - (b.value ?? 0))[0];
  if (next) next.suppressed = true;
  else g.total.suppressed = true;
  return true;
}

/**
 * Applies the primary rule to every figure of `groups` and `loose` (figures in no group, with their
 * unit), then the secondary rule and the links until nothing changes, then blanks what is suppressed.
 */
export function suppress(
  groups: Group[],
  links: Figure[][] = [],
  loose: { unit: string; figure: Figure }[] = [],
): void {
  const all = new Set<Figure>();
  for (const g of groups) {
    for (const f of [...g.members, ...(g.total ? [g.total] : [])]) {
      if (primarySuppressed(g.unit, f)) f.suppressed = true;
      all.add(f);
    }
  }
  for (const { unit, figure } of loose) {
    if (primarySuppressed(unit, figure)) figure.suppressed = true;
    all.add(figure);
  }
  for (const set of links) for (const f of set) all.add(f);
  for (let changed = true; changed; ) {
    changed = false;
    for (const set of links) {
      if (set.some((f) => f.suppressed) && set.some((f) => !f.suppressed)) {
        for (const f of set) f.suppressed = true;
        changed = true;
      }
    }
    for (const g of groups) if (protectGroup(g)) changed = true;
  }
  for (const f of all) blank(f);
}

/** A suppressed figure keeps neither its value nor its students. */
export function blank(f: Figure): void {
  if (!f.suppressed) return;
  f.value = null;
  f.students = null;
}
