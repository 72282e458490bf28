/**
 * Ranks within a school (issue 15): 1 = the highest score; students with the same score share the
 * better rank and the next rank skips ("1, 2, 2, 4"), so a rank never claims an order the model
 * does not make.
 */
export function ranksWithin(scores: readonly number[]): number[] {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const ranks = new Array<number>(scores.length).fill(0);
  order.forEach((i, position) => {
    const before = order[position - 1];
    ranks[i] =
      before !== undefined && scores[before] === scores[i] ? (ranks[before] as number) : position + 1;
  });
  return ranks;
}
