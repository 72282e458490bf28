import { date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from './foundation.ts';
import { plans } from './plans.ts';
import { storedFiles, students } from './students.ts';

/**
 * A referral of a student to a partner institution (issue 12). `shared_data` is the snapshot of the
 * data items the sender chose (`items`), taken when it was sent: the partner sees only that.
 */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organisations.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => organisations.id),
    planId: uuid('plan_id').references(() => plans.id),
    measureId: uuid('measure_id'),
    reason: text('reason').notNull(),
    urgency: text('urgency').notNull(),
    dueOn: date('due_on').notNull(),
    items: text('items').array().notNull(),
    sharedData: jsonb('shared_data').notNull(),
    status: text('status').notNull().default('sent'),
    response: text('response'),
    responseFileId: uuid('response_file_id').references(() => storedFiles.id),
    sentBy: uuid('sent_by')
      .notNull()
      .references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('referrals_student_idx').on(t.studentId, t.sentAt),
    index('referrals_partner_idx').on(t.partnerId, t.status, t.sentAt),
  ],
);

/** Every status change of a referral: when and by whom (the chronology and the overdue task read it). */
export const referralEvents = pgTable(
  'referral_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    status: text('status').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    byUser: uuid('by_user')
      .notNull()
      .references(() => users.id),
  },
  (t) => [index('referral_events_referral_idx').on(t.referralId, t.at)],
);
