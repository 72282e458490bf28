import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { evaluate } from './evaluate-flags.ts';
import { evaluationJson, evaluationText } from './evaluation-output.ts';
import type { AbsencesAs } from './mapping.ts';
import { parseFolds, parseUciStudent, UCI_MAX_BYTES, UciFileError } from './uci-student.ts';

export const EVALUATE_USAGE =
  'Usage: npm run cli -- evaluate-flags --uci-student FILE [--folds FOLDS.json] [--json] [--absences-as unknown|unjustified]';

/** Reads at most UCI_MAX_BYTES + 1 bytes of a file, so a huge file is refused without reading it all. */
function readCapped(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    if (!fstatSync(fd).isFile()) throw new UciFileError(`${file} is not a file`);
    const buffer = Buffer.alloc(UCI_MAX_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0 || length + read >= buffer.length) {
        length += read;
        break;
      }
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

interface Args {
  file: string;
  folds: string | null;
  json: boolean;
  absencesAs: AbsencesAs;
}

function parseArgs(args: readonly string[]): Args | string {
  let file: string | null = null;
  let folds: string | null = null;
  let json = false;
  let absencesAs: AbsencesAs = 'unknown';
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i];
    const value = args[i + 1];
    if (a === '--json') json = true;
    else if (a === '--uci-student' || a === '--folds' || a === '--absences-as') {
      if (value === undefined || value.startsWith('--')) return `${a} needs a value`;
      i += 1;
      if (a === '--uci-student') file = value;
      else if (a === '--folds') folds = value;
      else if (value === 'unknown' || value === 'unjustified') absencesAs = value;
      else return '--absences-as is unknown or unjustified';
    } else return `unknown argument: ${a}`;
  }
  if (file === null) return '--uci-student FILE is required';
  return { file, folds, json, absencesAs };
}

/**
 * `evaluate-flags …`: 0 with the report on stdout, 2 with the reason on stderr for bad arguments or a
 * file that is not the data set (the line named).
 */
export function evaluateFlagsCommand(args: readonly string[]): number {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n${EVALUATE_USAGE}`);
    return 2;
  }
  let current = parsed.file;
  try {
    const rows = parseUciStudent(readCapped(parsed.file));
    let folds: ReturnType<typeof parseFolds> | undefined;
    if (parsed.folds !== null) {
      current = parsed.folds;
      const bytes = readCapped(parsed.folds);
      if (bytes.length > UCI_MAX_BYTES)
        throw new UciFileError(`the file is larger than ${UCI_MAX_BYTES / 1024 / 1024} MB`);
      folds = parseFolds(bytes.toString('utf8'), rows.length);
    }
    const result = evaluate(rows, { folds, absencesAs: parsed.absencesAs });
    if (parsed.json) process.stdout.write(`${JSON.stringify(evaluationJson(result), null, 2)}\n`);
    else process.stdout.write(evaluationText(result, parsed.file));
    return 0;
  } catch (err) {
    if (err instanceof UciFileError) {
      console.error(`${current}: ${err.message}`);
      return 2;
    }
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      console.error(`Cannot read ${current}: ${code}`);
      return 2;
    }
    throw err;
  }
}
