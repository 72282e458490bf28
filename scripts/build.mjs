// `npm run build`: the web client (Vite, into dist/web) and the server compiled to JavaScript (tsc,
// into dist/app, the same layout as the sources: dist/app/server/main.js). Files the server reads at
// run time next to its modules (migrations, the import worker, JSON) are copied alongside. The last
// step writes dist/app/build-info.json with the hash of the inputs: a build without it is incomplete.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_DIR, BUILD_INFO, ROOT, sourceHash } from './build-inputs.mjs';

const require = createRequire(import.meta.url);

/** Copies every file under `from` that tsc does not emit (not .ts/.tsx), tests excluded. */
function copyAssets(from, to, keep = () => true) {
  let copied = 0;
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copied += copyAssets(source, target, keep);
    else if (entry.isFile() && !/\.tsx?$/.test(entry.name) && keep(entry.name)) {
      mkdirSync(to, { recursive: true });
      copyFileSync(source, target);
      copied++;
    }
  }
  return copied;
}

export async function build() {
  const started = Date.now();
  const hash = sourceHash();
  rmSync(APP_DIR, { recursive: true, force: true });

  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  const webMs = Date.now() - started;

  // Transpile only (--noCheck): `npm run typecheck` and CI check the types; the build stays fast.
  const tsc = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--noCheck'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (tsc.status !== 0) throw new Error(`tsc failed (exit ${tsc.status ?? tsc.signal})`);

  let assets = copyAssets(path.join(ROOT, 'server'), path.join(APP_DIR, 'server'));
  assets += copyAssets(path.join(ROOT, 'common'), path.join(APP_DIR, 'common'));
  // Translations, should the server read the client's files (the client has them bundled already).
  assets += copyAssets(path.join(ROOT, 'web', 'i18n'), path.join(APP_DIR, 'web', 'i18n'), (n) =>
    n.endsWith('.json'),
  );

  const { version } = require(path.join(ROOT, 'package.json'));
  writeFileSync(
    BUILD_INFO,
    `${JSON.stringify({ version, sourceHash: hash, builtAt: new Date().toISOString(), node: process.version }, null, 2)}\n`,
  );
  console.log(
    `Built dist/web (${(webMs / 1000).toFixed(1)} s) and dist/app (${assets} files copied) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  build().catch((err) => {
    console.error('Build failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
