import { describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.ts';
import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/policy/gate.ts';
import { NOTE_EDIT, NOTE_READ, NOTE_SEE, type NoteResource } from './policy.ts';

const SCHOOL = '/n/a/s1/';
const OTHER = '/n/a/s2/';

function actor(userId: string, ...grants: [Role, string][]): Actor {
  return {
    userId,
    email: `${userId}@x.lv`,
    firstName: 'U',
    lastName: 'U',
    language: 'lv',
    grants: grants.map(([role, orgPath], i) => ({
      id: String(i),
      role,
      orgId: String(i),
      orgPath,
      orgType: orgPath === '/n/a/' ? 'municipality' : 'school',
      orgName: 'x',
    })),
  };
}

const note = (visibility: NoteResource['visibility'], authorId = 'author'): NoteResource => ({
  orgPath: SCHOOL,
  visibility,
  authorId,
});

describe('note rules', () => {
  const author = actor('author', ['specialist', SCHOOL]);
  const specialist = actor('s', ['specialist', SCHOOL]);
  const municipalSpecialist = actor('m', ['specialist', '/n/a/']);
  const otherSchoolSpecialist = actor('o', ['specialist', OTHER]);
  const teacher = actor('t', ['teacher', SCHOOL]);
  const coordinator = actor('k', ['school_coordinator', SCHOOL], ['plan_preparer', SCHOOL]);
  const partner = actor('p', ['partner', '/n/a/soc/']);
  const auditor = actor('a', ['auditor', '/n/']);

  it('lets the team read team notes, and nobody outside the school or without note rights', () => {
    for (const who of [author, specialist, teacher, coordinator, municipalSpecialist])
      expect(can(who, NOTE_READ, note('team')), who.userId).toBe(true);
    for (const who of [otherSchoolSpecialist, partner, auditor]) {
      expect(can(who, NOTE_SEE, note('team')), who.userId).toBe(false);
      expect(can(who, NOTE_READ, note('team')), who.userId).toBe(false);
    }
  });

  it('lets only the school’s specialists and the author read a specialists-only note', () => {
    for (const who of [author, specialist, municipalSpecialist])
      expect(can(who, NOTE_READ, note('specialists')), who.userId).toBe(true);
    for (const who of [teacher, coordinator, otherSchoolSpecialist, partner, auditor])
      expect(can(who, NOTE_READ, note('specialists')), who.userId).toBe(false);
    // The teacher and the coordinator still see that it exists.
    expect(can(teacher, NOTE_SEE, note('specialists'))).toBe(true);
    expect(can(coordinator, NOTE_SEE, note('specialists'))).toBe(true);
  });

  it('lets only the author read an author-only note, and only the author edit any note', () => {
    expect(can(author, NOTE_READ, note('author'))).toBe(true);
    for (const who of [specialist, teacher, coordinator, municipalSpecialist])
      expect(can(who, NOTE_READ, note('author')), who.userId).toBe(false);
    for (const visibility of ['team', 'specialists', 'author'] as const) {
      expect(can(author, NOTE_EDIT, note(visibility))).toBe(true);
      for (const who of [specialist, teacher, coordinator])
        expect(can(who, NOTE_EDIT, note(visibility)), who.userId).toBe(false);
    }
  });

  it('keeps an author who lost the school from the note', () => {
    const moved = actor('author', ['specialist', OTHER]);
    expect(can(moved, NOTE_READ, note('author'))).toBe(false);
    expect(can(moved, NOTE_EDIT, note('author'))).toBe(false);
  });
});
