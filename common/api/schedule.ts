import { z } from 'zod';
import { ZCalendarDate, ZEventDate, zLine, zText } from './fields.ts';
import { SESSION_MODES } from './support.ts';

/** The programme's consultation unit: a planned session lasts at most 45 minutes (at least 10, like a record). */
export const PLANNED_MAX_MINUTES = 45;
export const PLANNED_MIN_MINUTES = 10;
/** A weekly series has at most this many sessions. */
export const MAX_SERIES_OCCURRENCES = 40;
export const PLANNED_STATUSES = ['planned', 'cancelled', 'recorded'] as const;
export const CANCEL_SCOPES = ['one', 'rest_of_series'] as const;

export const ZStartTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_time');

/**
 * Schedule a consultation on a measure (`POST /api/support/planned`): one-off, or weekly on the
 * same weekday and time until `weeklyUntil` (inclusive). `providerId`: the school coordinator
 * schedules for a provider the measure names; a provider leaves it out (or names themself).
 */
export const ZPlannedBody = z
  .object({
    planId: z.uuid(),
    measureId: z.uuid(),
    providerId: z.uuid().optional(),
    onDate: ZEventDate,
    startTime: ZStartTime,
    minutes: z.number().int().min(PLANNED_MIN_MINUTES).max(PLANNED_MAX_MINUTES),
    mode: z.enum(SESSION_MODES),
    /** The room of an in-person session (none for a remote one). */
    room: zLine(60, 1).optional(),
    weeklyUntil: ZEventDate.optional(),
  })
  .refine((b) => (b.mode === 'remote') === (b.room === undefined), {
    message: 'planned_room_required',
    path: ['room'],
  })
  .refine((b) => b.weeklyUntil === undefined || b.weeklyUntil >= b.onDate, {
    message: 'planned_until_before_start',
    path: ['weeklyUntil'],
  });
export type TPlannedBody = z.infer<typeof ZPlannedBody>;

export const ZPlannedQuery = z.object({ from: ZCalendarDate, to: ZCalendarDate });

export const ZCancelPlannedBody = z.object({
  reason: zText(500, 1),
  scope: z.enum(CANCEL_SCOPES).default('one'),
});

/** A planned session as the week view shows it. */
export const ZPlanned = z.object({
  id: z.string(),
  planId: z.string(),
  planCode: z.string(),
  measureId: z.string(),
  measureLabel: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  onDate: z.string(),
  startTime: z.string(),
  minutes: z.number().int(),
  mode: z.enum(SESSION_MODES),
  room: z.string().nullable(),
  seriesId: z.string().nullable(),
  status: z.enum(PLANNED_STATUSES),
  cancelReason: z.string().nullable(),
  sessionId: z.string().nullable(),
  can: z.object({ cancel: z.boolean(), record: z.boolean() }),
});
export type TPlanned = z.infer<typeof ZPlanned>;
export const ZPlannedList = z.object({ items: z.array(ZPlanned) });
export const ZPlannedCreated = z.object({ items: z.array(ZPlanned) });
export const ZCancelled = z.object({ cancelled: z.number().int() });

/** The provider's calendar feed address (shown once, when made or replaced). */
export const ZCalendarFeed = z.object({ path: z.string() });
