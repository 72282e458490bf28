import { Worker } from 'node:worker_threads';
import { AppError } from '../../platform/errors.ts';
import {
  CLASS_LIST_LIMITS,
  type ParsedTable,
  type TableLimits,
  type TableParseCode,
} from './table-limits.ts';

/** How long and how much heap one parse may take before its worker is stopped. */
export interface ParseBudget {
  timeoutMs: number;
  memoryMb: number;
}

export const DEFAULT_PARSE_BUDGET: ParseBudget = { timeoutMs: 60_000, memoryMb: 384 };
/** Parses running at once in this process (each in its own worker); more wait their turn. */
const MAX_PARALLEL_PARSES = 2;
const WORKER_FILE = new URL('./parse-worker.mjs', import.meta.url);
const TOO_LARGE: TableParseCode[] = ['import_too_large', 'import_too_many_rows'];

type Reply = { id: number; ok: true; table: ParsedTable } | { id: number; ok: false; code: TableParseCode };

let running = 0;
let nextId = 1;
const waiting: (() => void)[] = [];
/** Workers that finished a job cleanly, kept (unreferenced) so the next upload skips start-up. */
const idle: { worker: Worker; memoryMb: number }[] = [];

async function takeSlot(): Promise<void> {
  if (running < MAX_PARALLEL_PARSES) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function releaseSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

function startWorker(memoryMb: number): Worker {
  return new Worker(WORKER_FILE, {
    // The worker loads the parser itself (compiled, or TypeScript through tsx's scoped import),
    // whatever flags started this process.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32 },
  });
}

function parseInWorker(content: Buffer, limits: TableLimits, budget: ParseBudget): Promise<ParsedTable> {
  const reused = idle.findIndex((w) => w.memoryMb === budget.memoryMb);
  const worker = reused >= 0 ? idle.splice(reused, 1)[0].worker : startWorker(budget.memoryMb);
  worker.ref();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (result: ParsedTable | AppError, keep: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (keep && idle.length < MAX_PARALLEL_PARSES) {
        worker.unref();
        worker.once('exit', () => {
          const i = idle.findIndex((w) => w.worker === worker);
          if (i >= 0) idle.splice(i, 1);
        });
        idle.push({ worker, memoryMb: budget.memoryMb });
      } else void worker.terminate();
      if (result instanceof AppError) reject(result);
      else resolve(result);
    };
    const onMessage = (m: Reply) => {
      if (m.id !== id) return;
      settle(m.ok ? m.table : new AppError(TOO_LARGE.includes(m.code) ? 413 : 400, m.code), true);
    };
    const onError = (e: Error & { code?: string }) =>
      settle(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AppError(413, 'import_too_large')
          : new AppError(400, 'import_format'),
        false,
      );
    const onExit = () => settle(new AppError(400, 'import_format'), false);
    const timer = setTimeout(() => settle(new AppError(413, 'import_too_slow'), false), budget.timeoutMs);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage({ id, content, limits });
  });
}

/**
 * Parses an uploaded CSV or XLSX in a worker thread with a time and memory budget, so the server
 * keeps answering while it runs; a refused file becomes a 400 or 413 with the reason's message.
 */
export async function parseUploadedTable(
  content: Buffer,
  limits: TableLimits = CLASS_LIST_LIMITS,
  budget: ParseBudget = DEFAULT_PARSE_BUDGET,
): Promise<ParsedTable> {
  await takeSlot();
  try {
    return await parseInWorker(content, limits, budget);
  } finally {
    releaseSlot();
  }
}
