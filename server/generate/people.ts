import { createHash } from 'node:crypto';
import { makeNewPersonalCode, makeOldPersonalCode } from '../../common/personal-code.ts';
import type { Role, SchoolType } from '../../common/roles.ts';
import { pick, seededRandom } from '../demo/random.ts';
import { BOYS, GIRLS, MUNICIPALITIES, SURNAMES } from './names.ts';

/** The e-mail domain of every generated account. */
export const GENERATED_DOMAIN = 'gen.pumpurs.lv';

/** A stable UUID (version 5 layout) from the seed and a name: the same seed gives the same ids. */
export function generatedId(seed: number, name: string): string {
  const h = createHash('sha1').update(`pumpurs-gen:${seed}:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface GenOrg {
  id: string;
  parentId: string | null;
  path: string;
  type: 'nation' | 'municipality' | 'school' | 'partner';
  schoolType: SchoolType | null;
  partnerKind: 'social_service' | 'orphans_court' | null;
  name: string;
  code: string | null;
  /** For schools: 1-based number used in account names (s1, s2, …); for municipalities the index. */
  n: number;
  /** For schools: the municipality (or null for a state school). */
  municipalityId: string | null;
}

export interface GenUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  homeOrgId: string;
  grants: { role: Role; orgId: string }[];
}

export interface GenStudent {
  n: number;
  id: string;
  personalCode: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  gender: 'female' | 'male';
  schoolId: string;
  grade: number | null;
  course: number | null;
  classLabel: string;
  /** 0 ordinary, 1 truant, 2 struggling (marks fall), 3 unruly (behaviour notes). */
  profile: number;
  ability: number;
  guardianId: string;
  guardianFirst: string;
  guardianRelation: 'mother' | 'father';
  phone: string;
}

export interface People {
  orgs: GenOrg[];
  schools: GenOrg[];
  users: GenUser[];
  students: GenStudent[];
}

const NAMES_F = ['Līga', 'Ieva', 'Inese', 'Sanita', 'Elīna', 'Agnese', 'Dace', 'Ilze'];
const NAMES_M = ['Mārtiņš', 'Andris', 'Raimonds', 'Gatis', 'Uldis', 'Kārlis', 'Edgars', 'Juris'];

/** Organisations: the nation, up to 43 municipalities with two partners each, and the schools. */
function makeOrgs(seed: number, schoolCount: number, rand: () => number): GenOrg[] {
  const nationId = generatedId(seed, 'nation');
  const nation: GenOrg = {
    id: nationId,
    parentId: null,
    path: `/${nationId}/`,
    type: 'nation',
    schoolType: null,
    partnerKind: null,
    name: 'Latvija',
    code: 'LV',
    n: 0,
    municipalityId: null,
  };
  const stateSchools = schoolCount >= 2 ? Math.max(1, Math.round(schoolCount * 0.02)) : 0;
  const munCount = Math.min(MUNICIPALITIES.length, schoolCount - stateSchools);
  const orgs: GenOrg[] = [nation];
  const muns: GenOrg[] = [];
  for (let i = 0; i < munCount; i++) {
    const m = MUNICIPALITIES[i];
    const id = generatedId(seed, `mun:${i}`);
    const mun: GenOrg = {
      id,
      parentId: nationId,
      path: `${nation.path}${id}/`,
      type: 'municipality',
      schoolType: null,
      partnerKind: null,
      name: m.name,
      code: m.code,
      n: i + 1,
      municipalityId: null,
    };
    muns.push(mun);
    orgs.push(mun);
    for (const [kind, label] of [
      ['social_service', 'Sociālais dienests'],
      ['orphans_court', 'bāriņtiesa'],
    ] as const) {
      const pid = generatedId(seed, `partner:${i}:${kind}`);
      orgs.push({
        id: pid,
        parentId: id,
        path: `${mun.path}${pid}/`,
        type: 'partner',
        schoolType: null,
        partnerKind: kind,
        name: `${m.name} — ${label}`,
        code: null,
        n: i + 1,
        municipalityId: id,
      });
    }
  }
  // Every municipality gets one school; the rest go by weight (Rīga about ten times a novads).
  const weights = muns.map((_, i) => (i === 0 ? 10 : i < 7 ? 2 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < schoolCount; k++) {
    const n = k + 1;
    const id = generatedId(seed, `school:${n}`);
    let parent: GenOrg = nation;
    let schoolType: SchoolType = 'state_vocational';
    if (k >= stateSchools) {
      const j = k - stateSchools;
      if (j < muns.length) parent = muns[j];
      else {
        let r = rand() * total;
        let i = 0;
        while (r >= weights[i] && i < weights.length - 1) r -= weights[i++];
        parent = muns[i];
      }
      const t = rand();
      schoolType = t < 0.08 ? 'special' : t < 0.2 ? 'vocational' : 'general';
    }
    const kind =
      schoolType === 'state_vocational'
        ? 'tehnikums'
        : schoolType === 'vocational'
          ? 'arodvidusskola'
          : schoolType === 'special'
            ? 'speciālā pamatskola'
            : 'vidusskola';
    orgs.push({
      id,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      type: 'school',
      schoolType,
      partnerKind: null,
      name: `${parent.type === 'nation' ? 'Valsts' : parent.name} ${n}. ${kind}`,
      code: `GEN-S${n}`,
      n,
      municipalityId: parent.type === 'municipality' ? parent.id : null,
    });
  }
  return orgs;
}

/** Staff: national admin, expert, auditor; a coordinator per municipality; partners; six per school. */
function makeUsers(seed: number, orgs: GenOrg[], rand: () => number): GenUser[] {
  const users: GenUser[] = [];
  const add = (local: string, home: GenOrg, roles: [Role, GenOrg][]) => {
    const female = rand() < 0.6;
    users.push({
      id: generatedId(seed, `user:${local}`),
      email: `${local}@${GENERATED_DOMAIN}`,
      firstName: pick(rand, female ? NAMES_F : NAMES_M),
      lastName: pick(rand, SURNAMES)[female ? 1 : 0],
      homeOrgId: home.id,
      grants: roles.map(([role, org]) => ({ role, orgId: org.id })),
    });
  };
  const nation = orgs[0];
  add('admin', nation, [['national_admin', nation]]);
  add('eksperts', nation, [['expert', nation]]);
  add('auditors', nation, [['auditor', nation]]);
  for (const o of orgs) {
    const key = o.code?.toLowerCase() ?? '';
    if (o.type === 'municipality') add(`koord.${key}`, o, [['municipal_coordinator', o]]);
    if (o.type === 'partner') {
      const mun = orgs.find((m) => m.id === o.municipalityId);
      const prefix = o.partnerKind === 'social_service' ? 'socdienests' : 'baritiesa';
      if (mun) add(`${prefix}.${mun.code?.toLowerCase()}`, o, [['partner', o]]);
    }
    if (o.type === 'school') {
      const s = `s${o.n}`;
      add(`direktors.${s}`, o, [['school_director', o]]);
      add(`koord.${s}`, o, [
        ['school_coordinator', o],
        ['plan_preparer', o],
      ]);
      add(`psihologs.${s}`, o, [['specialist', o]]);
      for (let t = 1; t <= 3; t++) add(`skolotajs${t}.${s}`, o, [['teacher', o]]);
    }
  }
  return users;
}

/** How many students each school gets: uneven sizes that add up to exactly `total`. */
function schoolSizes(count: number, total: number, rand: () => number): number[] {
  const weights = Array.from({ length: count }, () => 0.2 + rand() ** 2 * 2);
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((w / sum) * total));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % count, left--) sizes[i] += 1;
  return sizes;
}

/** Students of every school with valid, unique personal codes (about one in eight of the new `32…` form). */
function makeStudents(
  seed: number,
  schools: GenOrg[],
  total: number,
  schoolYear: number,
  rand: () => number,
): GenStudent[] {
  const sizes = schoolSizes(schools.length, total, rand);
  const used = new Set<string>();
  const out: GenStudent[] = [];
  let newSeq = 10_000_000 + Math.floor(rand() * 1_000_000);
  for (const [k, school] of schools.entries()) {
    const courses = school.schoolType === 'state_vocational';
    const both = school.schoolType === 'vocational';
    const maxGrade = school.schoolType === 'special' ? 9 : 12;
    const parallels = sizes[k] > 600 ? 4 : sizes[k] > 250 ? 3 : 2;
    for (let i = 0; i < sizes[k]; i++) {
      const vocational = courses || (both && rand() < 0.5);
      const grade = vocational ? null : 1 + Math.floor(rand() * maxGrade);
      const course = vocational ? 1 + Math.floor(rand() * 4) : null;
      const age = grade !== null ? 6 + grade : 15 + (course as number);
      const birthYear = schoolYear - age - (rand() < 0.67 ? 0 : 1);
      const birthDate = `${birthYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      const female = rand() < 0.5;
      const [male, fem] = pick(rand, SURNAMES);
      let code: string;
      let serial = Math.floor(rand() * 1000);
      const newFormat = rand() < 0.125;
      do {
        if (newFormat) {
          code = makeNewPersonalCode(newSeq);
          newSeq += 1 + Math.floor(rand() * 50);
        } else {
          code = makeOldPersonalCode(birthDate, serial);
          serial = (serial + 1) % 1000;
        }
      } while (used.has(code));
      used.add(code);
      const parallel = 'abcd'[Math.floor(rand() * parallels)];
      const p = rand();
      const profile = p < 0.06 ? 1 : p < 0.12 ? 2 : p < 0.15 ? 3 : 0;
      const father = rand() < 0.25;
      const n = out.length + 1;
      out.push({
        n,
        id: generatedId(seed, `student:${n}`),
        personalCode: code,
        firstName: pick(rand, female ? GIRLS : BOYS),
        lastName: female ? fem : male,
        birthDate,
        gender: female ? 'female' : 'male',
        schoolId: school.id,
        grade,
        course,
        classLabel: grade !== null ? `${grade}.${parallel}` : `${course}. kurss ${parallel.toUpperCase()}`,
        profile,
        ability: profile === 2 ? 3.5 + rand() : 5 + rand() * 4,
        guardianId: generatedId(seed, `guardian:${n}`),
        guardianFirst: pick(rand, father ? NAMES_M : NAMES_F),
        guardianRelation: father ? 'father' : 'mother',
        phone: `+371 2${String(Math.floor(rand() * 10_000_000)).padStart(7, '0')}`,
      });
    }
  }
  return out;
}

/** Everyone the generator creates, in memory (about 100 bytes a student), deterministic from `seed`. */
export function makePeople(
  seed: number,
  schoolCount: number,
  studentCount: number,
  schoolYear: number,
): People {
  const rand = seededRandom(seed);
  const orgs = makeOrgs(seed, schoolCount, rand);
  const schools = orgs.filter((o) => o.type === 'school');
  const users = makeUsers(seed, orgs, rand);
  const students = makeStudents(seed, schools, studentCount, schoolYear, rand);
  return { orgs, schools, users, students };
}
