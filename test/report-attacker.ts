/**
 * The attacker of the auditor view (issue 14): from a group's visible cells and its visible total,
 * derive what the suppressed cells must be. Two models of a suppressed count: any positive whole
 * number (a secondary suppression may hide a large cell), and 1–4 only (as if every one were a small
 * count). A cell is pinned when one value is left for it under a model that has solutions.
 */
export interface SeenCell {
  value: number | null;
  students?: number | null;
  suppressed: boolean;
}

/** For each suppressed cell of the group, the values it can take (within `max`) under a model. */
function feasible(k: number, sum: number, lo: number, hi: number): Set<number>[] {
  const out = Array.from({ length: k }, () => new Set<number>());
  const pick: number[] = [];
  const walk = (i: number, left: number) => {
    if (i === k) {
      if (left === 0) for (const [j, v] of pick.entries()) out[j].add(v);
      return;
    }
    for (let v = lo; v <= Math.min(hi, left); v++) {
      pick.push(v);
      walk(i + 1, left - v);
      pick.pop();
    }
  };
  walk(0, sum);
  return out;
}

/**
 * The suppressed cells an attacker pins in a group of counts: [] when none. Without a visible total
 * nothing is derived from the group.
 */
export function pinnedCells(cells: SeenCell[], total: SeenCell | null): number[] {
  const hidden = cells.map((c, i) => (c.suppressed ? i : -1)).filter((i) => i >= 0);
  if (hidden.length === 0 || !total || total.suppressed || total.value === null) return [];
  const sum = total.value - cells.reduce((a, c) => a + (c.suppressed ? 0 : (c.value ?? 0)), 0);
  if (hidden.length === 1) return hidden;
  const pinned = new Set<number>();
  // Enumerating every combination is exponential: groups with many suppressed cells are bounded by
  // the closed form (each cell takes 1..sum-(k-1) when sum >= k; one value only when sum === k).
  if (hidden.length > 6 || sum > 60) {
    if (sum <= hidden.length) for (const i of hidden) pinned.add(i);
    if (sum === 4 * hidden.length) for (const i of hidden) pinned.add(i);
    return [...pinned];
  }
  for (const [lo, hi] of [
    [1, sum],
    [1, 4],
  ]) {
    const sets = feasible(hidden.length, sum, lo, hi);
    if (sets.every((s) => s.size === 0)) continue;
    sets.forEach((s, j) => {
      if (s.size <= 1) pinned.add(hidden[j]);
    });
  }
  return [...pinned];
}

/** What the attacker needs of an indicators answer (TReportIndicators satisfies it). */
interface SeenAnswer {
  indicators: { code: string; unit: string; cells: (SeenCell & { key: string })[]; total: SeenCell | null }[];
  children: { cells: (SeenCell & { key: string })[] }[];
  childrenTotal: (SeenCell & { key: string })[];
}

/**
 * Every way the auditor's answer gives a hidden figure away, as readable lines ([] when none): a
 * count pinned within an indicator or a headline column, an amount alone hidden beside its visible
 * total, a figure hidden in one place and shown in the other, a hidden cell still carrying numbers.
 * `counts` tells the count units from the amounts.
 */
export function leaksInAnswer(a: SeenAnswer, counts: (unit: string) => boolean): string[] {
  const leaks: string[] = [];
  for (const ind of a.indicators) {
    for (const x of ind.cells)
      if (x.suppressed && (x.value !== null || (x.students ?? null) !== null))
        leaks.push(`${ind.code} ${x.key}: hidden but has numbers`);
    if (!ind.total) continue;
    if (counts(ind.unit))
      for (const i of pinnedCells(ind.cells, ind.total))
        leaks.push(`${ind.code} ${ind.cells[i].key}: pinned`);
    else if (!ind.total.suppressed && ind.cells.filter((x) => x.suppressed).length === 1)
      leaks.push(`${ind.code}: one amount hidden beside its total`);
  }
  for (const own of a.childrenTotal) {
    const column = a.children.map((ch) => ch.cells.find((x) => x.key === own.key) ?? own);
    for (const i of pinnedCells(column, own)) leaks.push(`children ${own.key} row ${i}: pinned`);
    const same = a.indicators.find((i) => i.code === own.key)?.cells.find((x) => x.key === '');
    if (same && same.suppressed !== own.suppressed) leaks.push(`${own.key}: hidden in one place only`);
  }
  return leaks;
}
