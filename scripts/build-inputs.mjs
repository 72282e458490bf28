// What a build is made from, and a hash of it: the build stores the hash (dist/app/build-info.json)
// and `npm start` rebuilds when the hash of the checkout differs. A hash of the contents rather than
// file times: a `git checkout` or a copy changes the times of files whose contents are the same, and
// a branch switch can bring back older files whose times are older than the build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const APP_DIR = path.join(ROOT, 'dist', 'app');
export const WEB_DIR = path.join(ROOT, 'dist', 'web');
export const BUILD_INFO = path.join(APP_DIR, 'build-info.json');

/** Folders whose files go into the build (tests excluded), and single files that shape it. */
const SOURCE_DIRS = ['server', 'common', 'web'];
const SOURCE_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'vite.config.ts',
  'scripts/build.mjs',
  'scripts/build-inputs.mjs',
];

/** A source checkout has the TypeScript sources; a deployment may carry only dist/ and package files. */
export function hasSources() {
  return existsSync(path.join(ROOT, 'server', 'main.ts'));
}

const isTest = (name) => /\.test\.tsx?$/.test(name);

function listFiles(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, out);
    else if (entry.isFile() && !isTest(entry.name)) out.push(full);
  }
  return out;
}

/** sha256 over the relative path and the contents of every input, in a fixed order. */
export function sourceHash() {
  const files = [];
  for (const dir of SOURCE_DIRS) if (existsSync(path.join(ROOT, dir))) listFiles(path.join(ROOT, dir), files);
  for (const file of SOURCE_FILES) if (existsSync(path.join(ROOT, file))) files.push(path.join(ROOT, file));
  const hash = createHash('sha256');
  for (const file of files.map((f) => path.relative(ROOT, f).split(path.sep).join('/')).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The stored build's description, or null when there is no complete build. */
export function readBuildInfo() {
  try {
    return JSON.parse(readFileSync(BUILD_INFO, 'utf8'));
  } catch {
    return null;
  }
}
