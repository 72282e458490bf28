import { describe, expect, it } from 'vitest';
import {
  findInputProblems,
  MAX_TEXT_LENGTH,
  malformedQueryParams,
  requestInputProblems,
} from './input-guard.ts';

describe('input guard', () => {
  it('names every nested field holding a control character or a lone surrogate', () => {
    const problems = findInputProblems({
      ok: 'Jānis\nBērziņš\t',
      goals: [{ text: 'labi' }, { text: 'slikti\u0000' }],
      nested: { deeper: { note: '\ud83d' } },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'goals.1.text', message: 'control_characters' },
        { path: 'nested.deeper.note', message: 'invalid_characters' },
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  it('refuses control characters in keys and over-long strings, and leaves raw file bytes alone', () => {
    expect(findInputProblems({ 'a\u0000': 1 })).toEqual([{ path: '/', message: 'control_characters' }]);
    expect(findInputProblems({ t: 'a'.repeat(MAX_TEXT_LENGTH + 1) })).toEqual([
      { path: 't', message: 'too_big' },
    ]);
    expect(findInputProblems(Buffer.from([0, 1, 2, 0xff]))).toEqual([]);
  });

  it('refuses nesting deeper than any request needs without recursing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(findInputProblems(deep)[0]?.message).toBe('too_big');
  });

  it('finds percent-encoded bytes that are not UTF-8 in the raw query string', () => {
    expect(malformedQueryParams('/api/students?q=%ED%A0%80&page=1')).toEqual([
      { path: 'q', message: 'invalid_characters' },
    ]);
    expect(malformedQueryParams('/api/students?q=B%C4%93rz%20i%C5%86%C5%A1&x=50%25')).toEqual([]);
    expect(malformedQueryParams('/api/students')).toEqual([]);
  });

  it('checks params, query and body of a request together', () => {
    const problems = requestInputProblems({
      params: { token: 'a\u0000' },
      query: { q: 'ok' },
      body: { name: '\u0085' },
      url: '/api/x?q=ok',
    });
    expect(problems.map((p) => p.path)).toEqual(['token', 'name']);
  });
});
