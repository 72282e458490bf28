/** A small seeded PRNG (mulberry32), so the demo is the same on every machine: the platform's one. */
export { seededRandom } from '../platform/stats/folds.ts';

/** One element of `items`, chosen by `rand`. */
export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}
