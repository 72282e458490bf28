/**
 * The letters' placeholder language: `{{name}}` (spaces inside the braces allowed), nothing else.
 * A template is checked before it is saved, and filled in one pass, so a value that itself contains
 * braces (a name typed as `{{x}}`) is printed as it is and never expanded.
 */

/** What is wrong with a template: a placeholder it may not use, or braces that do not pair up. */
export type TemplateProblem =
  | { kind: 'unknown_placeholder'; name: string }
  | { kind: 'unbalanced'; near: string };

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const TOKEN = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** A short piece of the text around `at`, to show where the problem is. */
function near(text: string, at: number): string {
  return text.slice(Math.max(0, at - 10), at + 20).replace(/\s+/g, ' ');
}

/** The first problem of `text` given the placeholders `allowed`, or null when it is fine. */
export function checkTemplate(text: string, allowed: readonly string[]): TemplateProblem | null {
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '{' && text[i + 1] === '{') {
      const close = text.indexOf('}}', i + 2);
      const inner = close < 0 ? null : text.slice(i + 2, close);
      if (inner === null || inner.includes('{') || inner.includes('}'))
        return { kind: 'unbalanced', near: near(text, i) };
      const name = inner.trim();
      if (!NAME.test(name) || !allowed.includes(name))
        return { kind: 'unknown_placeholder', name: `{{${inner}}}` };
      i = close + 2;
      continue;
    }
    if (ch === '{' || ch === '}') return { kind: 'unbalanced', near: near(text, i) };
    i += 1;
  }
  return null;
}

/** `text` with every `{{name}}` replaced by its value (an unknown name by an empty string). */
export function renderTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(TOKEN, (_m, name: string) => (Object.hasOwn(values, name) ? values[name] : ''));
}
