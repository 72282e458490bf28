import type { LightMyRequestResponse } from 'fastify';
import { MESSAGES } from '../../server/platform/messages.ts';

/** Every error message the API can send, in Latvian and in English. */
const KNOWN_MESSAGES = new Set(Object.values(MESSAGES).flatMap((m) => Object.values(m)));

/** Signs of a leaked stack trace or server internals in an answer. */
const LEAKS: [RegExp, string][] = [
  [/\bat [\w$.<>[\] ]+ \(?[^()\s]*:\d+:\d+\)?/, 'a stack frame'],
  [/\n\s+at /, 'a stack frame'],
  [/(?:file:\/\/|\/work\/|\/home\/|\/usr\/|node_modules|\.tsx?:\d+)/, 'a file path'],
  [/\b(?:Type|Reference|Syntax|Range)?Error: /, 'an error name'],
  [
    /\b(?:ZodError|PostgresError|DrizzleQueryError|Failed query|relation "|syntax error at or near|duplicate key value)/i,
    'a database or library error',
  ],
];

/** What is wrong with a 4xx answer (no JSON body, no known message, a leaked stack), or null. */
export function clientErrorProblem(res: LightMyRequestResponse): string | null {
  let body: { error?: { message?: unknown; code?: unknown; details?: { message?: unknown }[] } };
  try {
    body = res.json();
  } catch {
    return `not JSON (${String(res.headers['content-type'])}): ${res.body.slice(0, 120)}`;
  }
  const message = body?.error?.message;
  if (typeof message !== 'string' || !message.trim()) return `no error message: ${res.body.slice(0, 160)}`;
  if (!KNOWN_MESSAGES.has(message))
    return `a message that is not one of the API's (lv/en): ${message.slice(0, 160)}`;
  for (const d of body.error?.details ?? [])
    if (typeof d.message !== 'string' || !d.message.trim())
      return `a detail without a message: ${res.body.slice(0, 160)}`;
  return leakIn(res.body);
}

/** A leaked stack trace, file path or library error in a body, or null. */
export function leakIn(text: string): string | null {
  for (const [pattern, what] of LEAKS) {
    const m = pattern.exec(text);
    if (m) return `${what} in the answer: …${text.slice(Math.max(0, m.index - 40), m.index + 80)}…`;
  }
  return null;
}
