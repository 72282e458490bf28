import fc from 'fast-check';
import type { z } from 'zod';
import { hostileString, hostileValue } from './hostile.ts';

/** What the fuzzer reads of a zod 4 schema: its definition's type and the few checks it can turn into edges. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: z.ZodType;
  out?: z.ZodType;
  coerce?: boolean;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const bag = (schema: z.ZodType) =>
  schema as unknown as {
    minLength?: number | null;
    maxLength?: number | null;
    minValue?: number | null;
    maxValue?: number | null;
    format?: string | null;
  };

/** The schema under optional/nullable/default/pipe wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (
      d.innerType &&
      ['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'].includes(d.type)
    )
      s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else if (d.type === 'lazy') return s;
    else return s;
  }
  return s;
}

/** The object shape of a schema (under its wrappers), or null when it is not an object. */
export function shapeOf(schema: z.ZodType | undefined): Record<string, z.ZodType> | null {
  if (!schema) return null;
  const d = defOf(unwrap(schema));
  return d.type === 'object' && d.shape ? d.shape : null;
}

const DATE_EDGES = [
  '0000-01-01',
  '9999-12-31',
  '+275760-09-13',
  '1899-12-31',
  '2101-01-01',
  '2026-02-29',
  '2024-02-29',
  '',
];
const UUID_EDGES = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  `${'a'.repeat(5000)}`,
  '00000000-0000-4000-8000-000000000000x',
];

/**
 * Values at and beyond the edges of one field's schema: strings of length 0, max and max + 1
 * (and 1 MB), numbers one past each bound and the huge ones, impossible dates, the wrong type,
 * every enum value and one that is not. Query-string fields (`asText`) get their numbers as text.
 */
export function edgeValues(schema: z.ZodType, asText = false): unknown[] {
  const s = unwrap(schema);
  const d = defOf(s);
  const b = bag(s);
  const out: unknown[] = [null, undefined];
  const num = (n: number) => (asText ? String(n) : n);
  switch (d.type) {
    case 'string': {
      const max = b.maxLength ?? 200;
      const min = b.minLength ?? 0;
      out.push(
        '',
        'x'.repeat(Math.max(0, min - 1)),
        'x'.repeat(Math.min(max, 25_000)),
        'x'.repeat(Math.min(max + 1, 25_000)),
      );
      out.push(
        'ž'.repeat(Math.min(max + 1, 25_000)),
        ' '.repeat(Math.min(max + 1, 25_000)),
        'a'.repeat(1_048_576),
      );
      if (b.format === 'date') out.push(...DATE_EDGES);
      if (b.format === 'uuid' || b.format === 'guid') out.push(...UUID_EDGES);
      if (b.format === 'email') out.push('a@b', '@', `${'a'.repeat(300)}@b.lv`, 'a@b.lv\u0000');
      out.push(42, true, [], {});
      break;
    }
    case 'number':
    case 'int':
    case 'bigint': {
      const lo = b.minValue ?? -(2 ** 31);
      const hi = b.maxValue ?? 2 ** 31;
      const safe = (n: number) => (Number.isFinite(n) ? n : 0);
      out.push(
        num(safe(lo) - 1),
        num(safe(hi) + 1),
        num(safe(lo)),
        num(safe(hi)),
        num(0.5),
        num(-0),
        num(1e308),
        num(2 ** 63),
      );
      out.push('NaN', 'Infinity', '1e400', '', 'x', [1], {});
      break;
    }
    case 'boolean':
      out.push('yes', 0, 1, 'false', 'TRUE', [], {});
      break;
    case 'enum':
      out.push(...Object.values(d.entries ?? {}), 'not-in-enum', '', 'ENUM', 0);
      break;
    case 'literal':
      out.push(...(d.values ?? []), 'not-the-literal');
      break;
    case 'array': {
      const max = b.maxLength ?? 50;
      out.push(
        [],
        'x',
        {},
        Array.from({ length: Math.min(max + 1, 10_001) }, () => 'x'),
        [null],
        Array(10_000).fill({}),
      );
      break;
    }
    case 'object':
      out.push([], 'x', 0, {}, { extra: 1 });
      break;
    default:
      out.push('x', 0, [], {});
  }
  return out;
}

/** An edge value of the field, a hostile value of any type, or (for a text field) a hostile string. */
export function fieldArbitrary(schema: z.ZodType, asText = false): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...edgeValues(schema, asText)) },
    { weight: 2, arbitrary: asText ? hostileString : hostileValue },
  );
}
