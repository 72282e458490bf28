// Parses uploaded tables off the main thread (see parse-upload.ts), one job at a time; the worker
// stays for the next job unless the main thread stops it. Plain JavaScript so that Node starts it
// the same way under `node --import tsx`, the command-line tools and Vitest; the TypeScript parser
// is loaded through tsx's scoped import.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { parseTable, TableParseError } = await tsImport('./parse-table.ts', import.meta.url);

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
