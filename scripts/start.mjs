// `npm start` (and `npm run cli`): runs the compiled server from dist/app, building it first when
// there is no build or the sources differ from what it was built from (a hash of the inputs, see
// build-inputs.mjs). A deployment that carries only dist/ and the package files (no TypeScript
// sources, dev dependencies omitted) starts the build as it is.
//   node scripts/start.mjs            the server (dist/app/server/main.js)
//   node scripts/start.mjs cli ARGS   the command-line tools (dist/app/server/cli.js)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_DIR, hasSources, ROOT, readBuildInfo, sourceHash } from './build-inputs.mjs';

const [entryName, ...args] =
  process.argv[2] === 'cli' ? process.argv.slice(2) : ['main', ...process.argv.slice(2)];
const entry = path.join(APP_DIR, 'server', `${entryName}.js`);

function buildReason() {
  const info = readBuildInfo();
  if (!info || !existsSync(entry)) return 'there is no build yet';
  if (!hasSources()) return null;
  if (info.sourceHash !== sourceHash()) return 'the sources have changed since the last build';
  return null;
}

const reason = buildReason();
if (reason) {
  if (!hasSources()) {
    console.error(`Pumpurs cannot start: ${reason} and there are no sources to build it from.`);
    process.exit(1);
  }
  console.log(`Building (${reason})…`);
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      'Pumpurs cannot start: the build failed (npm run build needs the dev dependencies: npm ci).',
    );
    process.exit(result.status ?? 1);
  }
}

process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(entry).href);
