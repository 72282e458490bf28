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

/**
 * An ORDER BY key that sorts `column` in Latvian alphabetical order. The two alphabets are written
 * as literals (constants of this module, never user input), so the expression is the same text as
 * the expression indexes of migration 0016 and the planner can match it.
 */
export function latvianSortKey(column: SQLWrapper): SQL {
  return sql`translate(lower(${column}), ${sql.raw(`'${FROM}'`)}, ${sql.raw(`'${TO}'`)}) collate "C"`;
}

/** The alphabets the key maps (for the migration test that checks the indexes use the same ones). */
export const LATVIAN_KEY_ALPHABETS = { from: FROM, to: TO } as const;
