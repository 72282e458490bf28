import type { FastifyInstance, FastifyRequest } from 'fastify';
import { textProblem } from '../../common/api/fields.ts';
import { AppError } from './errors.ts';

/** No text field in Pumpurs is longer; anything longer is refused before the route's schema. */
export const MAX_TEXT_LENGTH = 20_000;
/** JSON nested deeper than any request body needs is refused (and never walked recursively). */
const MAX_DEPTH = 32;

export interface InputProblem {
  path: string;
  message: string;
}

/**
 * Walks a parsed body, query or params and lists the fields holding control characters (tab and
 * line breaks allowed), lone surrogates or over-long text — keys included. Buffers (raw uploads)
 * are left alone: files have their own checks.
 */
export function findInputProblems(value: unknown, path = '', problems: InputProblem[] = []): InputProblem[] {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  while (stack.length > 0 && problems.length < 20) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    const at = item.path || '/';
    if (typeof item.value === 'string') {
      if (item.value.length > MAX_TEXT_LENGTH) problems.push({ path: at, message: 'too_big' });
      else {
        const problem = textProblem(item.value);
        if (problem) problems.push({ path: at, message: problem });
      }
      continue;
    }
    if (item.value === null || typeof item.value !== 'object' || Buffer.isBuffer(item.value)) continue;
    if (item.depth >= MAX_DEPTH) {
      problems.push({ path: at, message: 'too_big' });
      continue;
    }
    for (const [key, child] of Object.entries(item.value)) {
      const childPath = item.path ? `${item.path}.${key}` : key;
      const keyProblem = textProblem(key) ?? (key.length > 200 ? 'too_big' : null);
      if (keyProblem) problems.push({ path: item.path || '/', message: keyProblem });
      else stack.push({ value: child, path: childPath, depth: item.depth + 1 });
    }
  }
  return problems;
}

/**
 * Query parameters whose percent-encoding is not UTF-8 (an encoded lone surrogate such as
 * `%ED%A0%80`, an overlong form, a cut-off sequence): the query parser would pass them on as
 * literal `%..` text, so they are refused here instead.
 */
export function malformedQueryParams(url: string): InputProblem[] {
  const at = url.indexOf('?');
  if (at < 0) return [];
  const problems: InputProblem[] = [];
  for (const pair of url.slice(at + 1).split('&')) {
    const [key, value = ''] = pair.split('=', 2);
    const decode = (text: string) => {
      try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
      } catch {
        return null;
      }
    };
    const name = decode(key);
    if (name === null || decode(value) === null)
      problems.push({ path: name && !textProblem(name) ? name : '/', message: 'invalid_characters' });
  }
  return problems;
}

/** The problems of a request's params, query and body, each path as the route's schema names it. */
export function requestInputProblems(
  request: Pick<FastifyRequest, 'params' | 'query' | 'body' | 'url'>,
): InputProblem[] {
  return [
    ...findInputProblems(request.params),
    ...malformedQueryParams(request.url),
    ...findInputProblems(request.query),
    ...findInputProblems(request.body),
  ];
}

/**
 * The safety net behind the shared field schemas (`common/api/fields.ts`): before any route's
 * schema runs, a NUL byte, another control character or a lone surrogate anywhere in the params,
 * query string or JSON body is a 400 naming the field — a route whose schema forgot still never
 * hands such text to the database.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const problems = requestInputProblems(request);
    if (problems.length > 0) throw new AppError(400, 'validation', problems);
  });
}
