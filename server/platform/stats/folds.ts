/**
 * Repeated stratified k-fold splits with a fixed seed (issue 15): the same seed gives the same folds on
 * every machine, and each fold holds the same share of positives (±1).
 */

/** A small seeded generator (mulberry32): uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles in place with the generator (Fisher–Yates). */
function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * `repeats` × `k` stratified folds: `result[r][i]` is the test fold (0 … k−1) of row i in repeat r.
 * Positives and negatives are each shuffled and dealt round-robin, continuing from where the other
 * class stopped, so fold sizes differ by at most one.
 */
export function stratifiedFolds(
  truth: readonly boolean[],
  k: number,
  repeats: number,
  seed: number,
): number[][] {
  if (k < 2 || k > truth.length) throw new Error('k must be between 2 and the number of rows');
  const random = seededRandom(seed);
  const result: number[][] = [];
  for (let r = 0; r < repeats; r += 1) {
    const fold = new Array<number>(truth.length).fill(0);
    let next = 0;
    for (const cls of [true, false]) {
      const rows = shuffle(
        truth.flatMap((t, i) => (t === cls ? [i] : [])),
        random,
      );
      for (const i of rows) {
        fold[i] = next % k;
        next += 1;
      }
    }
    result.push(fold);
  }
  return result;
}
