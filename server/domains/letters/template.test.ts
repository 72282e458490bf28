import { describe, expect, it } from 'vitest';
import { checkTemplate, renderTemplate } from './template.ts';

describe('the placeholder renderer', () => {
  it('fills every placeholder, with or without spaces inside the braces', () => {
    expect(
      renderTemplate('Sveiki, {{guardianName}}! {{ studentName }} – {{date}}.', {
        guardianName: 'Anna Liepa',
        studentName: 'Jānis Liepa',
        date: '04.12.2026.',
      }),
    ).toBe('Sveiki, Anna Liepa! Jānis Liepa – 04.12.2026..');
  });
  it('prints values verbatim and never expands braces inside a value', () => {
    expect(renderTemplate('{{a}} {{b}}', { a: '{{b}}', b: '$& $1 <b>' })).toBe('{{b}} $& $1 <b>');
  });
  it('leaves an unknown name empty and keeps line breaks', () => {
    expect(renderTemplate('x{{nope}}y\n{{a}}', { a: '1\n2' })).toBe('xy\n1\n2');
  });
  it('does not take a prototype key for a value', () => {
    expect(renderTemplate('{{constructor}}{{toString}}', {})).toBe('');
  });
});

describe('template check', () => {
  const allowed = ['studentName', 'date'];
  it('accepts known placeholders and plain text', () => {
    expect(checkTemplate('Skolēns: {{studentName}}, {{ date }}', allowed)).toBeNull();
    expect(checkTemplate('Bez aizstājējiem.', allowed)).toBeNull();
  });
  it('names an unknown placeholder', () => {
    expect(checkTemplate('Hi {{studentName}} {{planCode}}', allowed)).toEqual({
      kind: 'unknown_placeholder',
      name: '{{planCode}}',
    });
    expect(checkTemplate('{{ two words }}', allowed)).toEqual({
      kind: 'unknown_placeholder',
      name: '{{ two words }}',
    });
    expect(checkTemplate('{{}}', allowed)).toEqual({ kind: 'unknown_placeholder', name: '{{}}' });
  });
  it('refuses braces that do not pair up', () => {
    for (const bad of [
      '{{studentName',
      'studentName}}',
      '{studentName}',
      '{{studentName}',
      '{{ {{date}} }}',
      'a } b',
    ])
      expect(checkTemplate(bad, allowed)?.kind).toBe('unbalanced');
  });
});
