import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  index,
  inet,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The organisation tree: nation → municipality → school | partner (a state vocational school
 * sits directly under the nation). `path` holds the ids from the root, '/a/b/c/', so that
 * "everything under X" is one indexed prefix match.
 */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organisations.id),
    type: text('type').notNull(),
    schoolType: text('school_type'),
    /** A partner institution's kind (social_service, orphans_court, police, health_care, ngo, other). */
    partnerKind: text('partner_kind'),
    name: text('name').notNull(),
    code: text('code'),
    path: text('path').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organisations_parent_idx').on(t.parentId),
    index('organisations_path_idx').on(t.path.op('text_pattern_ops')),
    uniqueIndex('organisations_code_uq').on(t.code),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    language: text('language').notNull().default('lv'),
    active: boolean('active').notNull().default(true),
    homeOrgId: uuid('home_org_id')
      .notNull()
      .references(() => organisations.id),
    /** The employer's identifier of the person (payroll export); optional. */
    employeeId: text('employee_id'),
    /** The person's position (amats) as payroll knows it; optional. */
    position: text('position'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_uq').on(sql`lower(${t.email})`),
    index('users_home_org_idx').on(t.homeOrgId),
  ],
);

/** One role on one organisation; a user may hold several. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('role_grants_uq').on(t.userId, t.role, t.orgId),
    index('role_grants_org_idx').on(t.orgId),
  ],
);

/** Server-side sessions, shared by every app instance. `id` is the SHA-256 of the cookie token. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** The id the sessions list shows and "end this session" takes; the token's hash never leaves the server. */
    publicId: uuid('public_id').notNull().defaultRandom(),
    /** The client's address and user agent (truncated, no control characters) at sign-in. */
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** When the session passed its second factor; null: password only (migration 0036). */
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
    /** Until when the session may do step-up actions (exports, revealing a code, grants). */
    stepUpUntil: timestamp('step_up_until', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId), uniqueIndex('sessions_public_id_uq').on(t.publicId)],
);

/** Sign-in attempts, for the rate limit that must hold across instances. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    success: boolean('success').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_attempts_email_idx').on(t.email, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
);

/** Append-only record of who did what to which record; never the personal data itself. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    outcome: text('outcome').notNull().default('ok'),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    orgId: uuid('org_id'),
    requestId: text('request_id'),
    ip: inet('ip'),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_org_idx').on(t.orgId, t.at),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
  ],
);

/**
 * The answer to a creating request, kept under the client's `Idempotency-Key` for a day: a retried
 * or doubled submission gets the stored answer instead of creating the record twice. A row without
 * a status is a request still running.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    /** Method and path (with query) the key was first used for. */
    request: text('request').notNull(),
    /** SHA-256 of the request body: the same key with another body is refused. */
    bodyHash: text('body_hash').notNull(),
    statusCode: integer('status_code'),
    contentType: text('content_type'),
    responseBody: text('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'idempotency_keys_pk', columns: [t.userId, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);
