/**
 * Lists count their rows exactly up to this many and then say "at least this many": counting a
 * municipality's or the nation's students on every page would take time in proportion to the scope.
 * A large school (about 2,000 students) is counted exactly.
 */
export const LIST_COUNT_CAP = 5000;
