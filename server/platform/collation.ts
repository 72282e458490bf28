import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

// Latvian alphabetical order: a ā b c č d e ē f g ģ h i ī j k ķ l ļ m n ņ o p q r s š t u ū v w x y z ž,
// with long vowels sorting with their short ones. PGlite has no ICU collations, so names are sorted by
// a key that maps each letter to an increasing character under the C collation, on both databases.
const FROM = 'aābcčdeēfgģhiījkķlļmnņopqrsštuūvwxyzž';
const ORDER = 'a a b c č d e e f g ģ h i i j k ķ l ļ m n ņ o p q r s š t u u v w x y z ž'.split(' ');
const RANKS = [...new Set(ORDER)];
const TO = [...FROM]
  .map((ch) => {
    const base = ORDER[[...FROM].indexOf(ch)];
    return String.fromCharCode(0x41 + RANKS.indexOf(base));
  })
  .join('');

/** An ORDER BY key that sorts `column` in Latvian alphabetical order. */
export function latvianSortKey(column: SQLWrapper): SQL {
  return sql`translate(lower(${column}), ${FROM}, ${TO}) collate "C"`;
}
