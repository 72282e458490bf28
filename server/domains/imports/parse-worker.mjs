// Parses uploaded tables off the main thread (see parse-upload.ts), one job at a time; the worker
// stays for the next job unless the main thread stops it. Plain JavaScript so that Node starts it
// the same way under `node --import tsx`, the command-line tools, Vitest and the compiled server:
// next to the compiled parse-table.js (dist/app, `npm run build`) it imports that; next to the
// TypeScript source it loads parse-table.ts through tsx's scoped import (tsx is a dev dependency).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';

const compiled = new URL('./parse-table.js', import.meta.url);
const { parseTable, TableParseError } = existsSync(fileURLToPath(compiled))
  ? await import(compiled.href)
  : await (await import('tsx/esm/api')).tsImport('./parse-table.ts', import.meta.url);

parentPort.on('message', async ({ id, content, limits }) => {
  try {
    const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    const table = await parseTable(bytes, limits);
    parentPort.postMessage({ id, ok: true, table });
  } catch (e) {
    // Only the reason's code leaves the worker: file contents are never logged.
    parentPort.postMessage({ id, ok: false, code: e instanceof TableParseError ? e.code : 'import_format' });
  }
});
