import type pg from 'pg';
import { copyRows } from './copy.ts';
import type { People } from './people.ts';

/** Organisations, staff with their grants, students and their guardians, by COPY. */
export async function copyPeople(client: pg.ClientBase, people: People, passwordHash: string): Promise<void> {
  await copyRows(
    client,
    'organisations',
    ['id', 'parent_id', 'type', 'school_type', 'partner_kind', 'name', 'code', 'path'],
    people.orgs.map((o) => [o.id, o.parentId, o.type, o.schoolType, o.partnerKind, o.name, o.code, o.path]),
  );
  await copyRows(
    client,
    'users',
    ['id', 'email', 'password_hash', 'first_name', 'last_name', 'language', 'home_org_id'],
    people.users.map((u) => [u.id, u.email, passwordHash, u.firstName, u.lastName, 'lv', u.homeOrgId]),
  );
  await copyRows(
    client,
    'role_grants',
    ['user_id', 'role', 'org_id'],
    people.users.flatMap((u) => u.grants.map((g) => [u.id, g.role, g.orgId])),
  );
  const { students } = people;
  await copyRows(
    client,
    'students',
    [
      'id',
      'personal_code',
      'first_name',
      'last_name',
      'birth_date',
      'gender',
      'school_id',
      'grade',
      'course',
      'class_label',
    ],
    (function* () {
      for (const s of students)
        yield [
          s.id,
          s.personalCode,
          s.firstName,
          s.lastName,
          s.birthDate,
          s.gender,
          s.schoolId,
          s.grade,
          s.course,
          s.classLabel,
        ];
    })(),
  );
  await copyRows(
    client,
    'guardians',
    ['id', 'student_id', 'first_name', 'last_name', 'relation', 'phone'],
    (function* () {
      for (const s of students)
        yield [s.guardianId, s.id, s.guardianFirst, s.lastName, s.guardianRelation, s.phone];
    })(),
  );
  // The generator's own working copy: profile and ability drive the e-journal rows in SQL.
  await client.query(
    `create temp table g_students0 (n int primary key, id uuid not null, school_id uuid not null, guardian_id uuid not null,
      profile smallint not null, ability real not null, class_label text not null, first_name text, last_name text,
      grade smallint, course smallint)`,
  );
  await copyRows(
    client,
    'g_students0',
    [
      'n',
      'id',
      'school_id',
      'guardian_id',
      'profile',
      'ability',
      'class_label',
      'first_name',
      'last_name',
      'grade',
      'course',
    ],
    (function* () {
      for (const s of students)
        yield [
          s.n,
          s.id,
          s.schoolId,
          s.guardianId,
          s.profile,
          s.ability,
          s.classLabel,
          s.firstName,
          s.lastName,
          s.grade,
          s.course,
        ];
    })(),
  );
  // Stored in id order with that rank (ord): scans meet students in the order of their indexes.
  await client.query(
    `create temp table g_students as select row_number() over (order by id)::int as ord, * from g_students0 order by id`,
  );
  await client.query('alter table g_students add primary key (n)');
  // Who acts in each school: its coordinator (also plan preparer), director, psychologist, teacher.
  await client.query(
    `create temp table g_staff (school_id uuid primary key, school_name text, mun_id uuid, coord uuid, director uuid, psych uuid, teacher uuid, mun_coord uuid, partner_user uuid, partner_org uuid)`,
  );
  const byEmail = new Map(people.users.map((u) => [u.email.split('@')[0], u.id]));
  const munCode = new Map(people.orgs.filter((o) => o.type === 'municipality').map((o) => [o.id, o.code]));
  const partnerOrg = new Map(
    people.orgs
      .filter((o) => o.type === 'partner' && o.partnerKind === 'social_service')
      .map((o) => [o.municipalityId, o.id]),
  );
  await copyRows(
    client,
    'g_staff',
    [
      'school_id',
      'school_name',
      'mun_id',
      'coord',
      'director',
      'psych',
      'teacher',
      'mun_coord',
      'partner_user',
      'partner_org',
    ],
    people.schools.map((s) => {
      const code = s.municipalityId ? munCode.get(s.municipalityId)?.toLowerCase() : undefined;
      return [
        s.id,
        s.name,
        s.municipalityId,
        byEmail.get(`koord.s${s.n}`) ?? null,
        byEmail.get(`direktors.s${s.n}`) ?? null,
        byEmail.get(`psihologs.s${s.n}`) ?? null,
        byEmail.get(`skolotajs1.s${s.n}`) ?? null,
        code ? (byEmail.get(`koord.${code}`) ?? null) : null,
        code ? (byEmail.get(`socdienests.${code}`) ?? null) : null,
        s.municipalityId ? (partnerOrg.get(s.municipalityId) ?? null) : null,
      ];
    }),
  );
  await client.query('analyze g_students; analyze g_staff');
}
