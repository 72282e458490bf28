import { makeNewPersonalCode, makeOldPersonalCode } from '../common/personal-code.ts';

/** A row of a class list as the e-journal exports it. */
export interface ClassListRow {
  personalCode: string;
  firstName: string;
  lastName: string;
  classLabel: string;
  birthDate?: string;
}

const FIRST = ['Anna', 'Jānis', 'Līga', 'Kārlis', 'Ērika', 'Ģirts', 'Ņina', 'Žanis', 'Šarlote', 'Čaklais'];
const LAST = [
  'Bērziņa',
  'Kļaviņš',
  'Ābola',
  'Ozoliņš',
  'Šmite',
  'Žagars',
  'Ģērmane',
  'Čakste',
  'Ūdre',
  'Īvāns',
];

/**
 * `n` valid rows with distinct codes (old format, born 2011–2013; every 7th a new `32…` code). Serials
 * 900–999 and new codes from 95 000 000 keep clear of the demo students' codes.
 */
export function classListRows(n: number, seed = 1): ClassListRow[] {
  const rows: ClassListRow[] = [];
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    const k = i + seed * 100_000;
    const year = 2011 + (k % 3);
    const month = 1 + (k % 12);
    const day = 1 + (Math.floor(k / 12) % 28);
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    let serial = 900 + (Math.floor(k / 1008) % 100);
    let code = i % 7 === 6 ? makeNewPersonalCode(95_000_000 + k) : makeOldPersonalCode(birthDate, serial);
    // A skipped check digit can land on a neighbour's serial: move on until the code is unused.
    while (used.has(code)) {
      serial = serial === 999 ? 900 : serial + 1;
      code = makeOldPersonalCode(birthDate, serial);
    }
    used.add(code);
    rows.push({
      personalCode: `${code.slice(0, 6)}-${code.slice(6)}`,
      firstName: FIRST[k % FIRST.length],
      lastName: LAST[Math.floor(k / 10) % LAST.length],
      classLabel: `${7 + (k % 3)}.${'ab'[k % 2]}`,
      birthDate: i % 7 === 6 ? birthDate : undefined,
    });
  }
  return rows;
}

/** A CSV class list with Latvian headers. */
export function classListCsv(
  rows: ClassListRow[],
  delimiter = ';',
  headers = ['Personas kods', 'Vārds', 'Uzvārds', 'Klase', 'Dzimšanas datums'],
): string {
  const lines = [headers.join(delimiter)];
  for (const r of rows) {
    const birth = r.birthDate ? r.birthDate.split('-').reverse().join('.') : '';
    lines.push([r.personalCode, r.firstName, r.lastName, r.classLabel, birth].join(delimiter));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Encodes text as Windows-1257 (the Baltic code page e-klase exports use); Latvian letters only. */
export function encodeWindows1257(text: string): Buffer {
  const map: Record<string, number> = {
    Ā: 0xc2,
    ā: 0xe2,
    Č: 0xc8,
    č: 0xe8,
    Ē: 0xc7,
    ē: 0xe7,
    Ģ: 0xcc,
    ģ: 0xec,
    Ī: 0xce,
    ī: 0xee,
    Ķ: 0xcd,
    ķ: 0xed,
    Ļ: 0xcf,
    ļ: 0xef,
    Ņ: 0xd2,
    ņ: 0xf2,
    Š: 0xd0,
    š: 0xf0,
    Ū: 0xdb,
    ū: 0xfb,
    Ž: 0xde,
    ž: 0xfe,
  };
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else if (map[ch] !== undefined) bytes.push(map[ch]);
    else throw new Error(`no Windows-1257 byte for ${ch}`);
  }
  return Buffer.from(bytes);
}
