import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the running code sits: the project folder when it runs from the TypeScript sources (tsx,
 * Vitest), dist/app when it runs compiled (`npm start`, scripts/build.mjs writes build-info.json
 * there). Paths to files shipped next to the code are computed from here.
 */
const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** True when the server runs the compiled JavaScript of `npm run build`. */
export const RUNNING_FROM_BUILD = existsSync(path.join(appRoot, 'build-info.json'));

/** The project folder (the one holding package.json and dist/). */
export const PROJECT_ROOT = RUNNING_FROM_BUILD ? path.resolve(appRoot, '..', '..') : appRoot;
