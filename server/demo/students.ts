import { makeNewPersonalCode, makeOldPersonalCode } from '../../common/personal-code.ts';
import type { NewStudent } from '../domains/students/index.ts';
import { pick, seededRandom } from './random.ts';

/** First and last names of the demo's students (the national generator uses them too). */
export const GIRLS = [
  'Anna',
  'Elza',
  'Marta',
  'Sofija',
  'Emīlija',
  'Alise',
  'Līva',
  'Paula',
  'Katrīna',
  'Evelīna',
  'Keita',
  'Laura',
  'Madara',
  'Amēlija',
  'Viktorija',
  'Estere',
  'Linda',
  'Dārta',
  'Rēzija',
  'Zane',
];
export const BOYS = [
  'Jānis',
  'Roberts',
  'Markuss',
  'Gustavs',
  'Kārlis',
  'Daniels',
  'Ričards',
  'Emīls',
  'Olivers',
  'Mārtiņš',
  'Artūrs',
  'Niks',
  'Rihards',
  'Edvards',
  'Toms',
  'Dāvis',
  'Kristaps',
  'Raivis',
  'Aleksandrs',
  'Ēriks',
];
/** Surnames in male and female form. */
export const SURNAMES: [string, string][] = [
  ['Bērziņš', 'Bērziņa'],
  ['Kalniņš', 'Kalniņa'],
  ['Ozoliņš', 'Ozoliņa'],
  ['Jansons', 'Jansone'],
  ['Liepiņš', 'Liepiņa'],
  ['Krūmiņš', 'Krūmiņa'],
  ['Balodis', 'Balode'],
  ['Eglītis', 'Eglīte'],
  ['Zariņš', 'Zariņa'],
  ['Pētersons', 'Pētersone'],
  ['Vītols', 'Vītola'],
  ['Kļaviņš', 'Kļaviņa'],
  ['Cīrulis', 'Cīrule'],
  ['Lācis', 'Lāce'],
  ['Siliņš', 'Siliņa'],
  ['Grīnbergs', 'Grīnberga'],
  ['Šmits', 'Šmite'],
  ['Žagars', 'Žagare'],
  ['Ābols', 'Ābola'],
  ['Ģērmanis', 'Ģērmane'],
];

/** How many students each demo school has, and whether it teaches grades, vocational courses or both. */
export const DEMO_SCHOOL_SIZES: Record<string, { students: number; levels: 'grades' | 'both' | 'courses' }> =
  {
    s1: { students: 700, levels: 'grades' },
    s2: { students: 350, levels: 'grades' },
    s3: { students: 120, levels: 'grades' },
    s4: { students: 400, levels: 'both' },
    s5: { students: 600, levels: 'grades' },
    s6: { students: 300, levels: 'grades' },
    s7: { students: 100, levels: 'grades' },
    s8: { students: 250, levels: 'both' },
    s9: { students: 250, levels: 'courses' },
  };

/**
 * The demo students of one school: grades 5–12 (or 5–9 for a basic school) and courses 1–4, with
 * valid personal codes — mostly the old format with the birth date, about one in eight the new `32…`.
 */
export function demoStudentsForSchool(
  schoolKey: string,
  schoolId: string,
  used: Set<string>,
  schoolYear: number,
): NewStudent[] {
  const spec = DEMO_SCHOOL_SIZES[schoolKey];
  const rand = seededRandom(Number.parseInt(schoolKey.slice(1), 10) * 7919);
  const maxGrade =
    schoolKey === 's2' || schoolKey === 's6' || schoolKey === 's3' || schoolKey === 's7' ? 9 : 12;
  const out: NewStudent[] = [];
  for (let i = 0; i < spec.students; i++) {
    const vocational = spec.levels === 'courses' || (spec.levels === 'both' && rand() < 0.4);
    const grade = vocational ? null : 5 + Math.floor(rand() * (maxGrade - 4));
    const course = vocational ? 1 + Math.floor(rand() * 4) : null;
    // Age on 1 September: grade g ≈ 6 + g years old; course c ≈ 15 + c.
    const age = grade !== null ? 6 + grade : 15 + (course as number);
    const birthYear = schoolYear - age - (rand() < 0.67 ? 0 : 1);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const birthDate = `${birthYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const female = rand() < 0.5;
    const [male, fem] = pick(rand, SURNAMES);
    let code: string;
    let serial = Math.floor(rand() * 800);
    do {
      code =
        rand() < 0.125
          ? makeNewPersonalCode(10_000_000 + Math.floor(rand() * 80_000_000))
          : makeOldPersonalCode(birthDate, serial);
      serial = (serial + 1) % 800;
    } while (used.has(code));
    used.add(code);
    const parallel = 'abc'[Math.floor(rand() * (spec.students > 300 ? 3 : 2))];
    out.push({
      personalCode: code,
      personalCodeWarning: false,
      firstName: pick(rand, female ? GIRLS : BOYS),
      lastName: female ? fem : male,
      birthDate,
      gender: female ? 'female' : 'male',
      schoolId,
      grade,
      course,
      classLabel: grade !== null ? `${grade}.${parallel}` : `${course}. kurss ${parallel.toUpperCase()}`,
    });
  }
  return out;
}
