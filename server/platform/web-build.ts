import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT as ROOT, RUNNING_FROM_BUILD } from './app-root.ts';
import { WEB_DIST } from './static.ts';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/**
 * Builds the web client with Vite when dist/web is missing or older than the sources (running from
 * the TypeScript sources: `npm run dev`, the browser tests). The compiled server leaves it to
 * `npm run build`, which `npm start` runs when the build is missing or stale (scripts/start.mjs).
 */
export async function ensureWebBuilt(): Promise<void> {
  if (RUNNING_FROM_BUILD) return;
  const index = path.join(WEB_DIST, 'index.html');
  const sources = [path.join(ROOT, 'web'), path.join(ROOT, 'common')].filter(existsSync);
  if (sources.length === 0) return; // a deployment with only the built client
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built > Math.max(...sources.map(newestMtime))) return;
  const { build } = await import('vite');
  console.log('Building the web client…');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
