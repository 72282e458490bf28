import { createHash } from 'node:crypto';

/** A stable UUID derived from a name, so the demo is identical on every machine. */
export function demoId(name: string): string {
  const h = createHash('sha1').update(`pumpurs-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
