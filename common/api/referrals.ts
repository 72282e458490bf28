import { z } from 'zod';
import { ZEventDate, zText } from './fields.ts';
import { PARTNER_KINDS } from './organisations.ts';

/**
 * The data items a sender may share with the partner, one by one. Only what the data model holds:
 * Pumpurs stores no address, so there is none to share.
 */
export const REFERRAL_ITEMS = [
  'name',
  'birth_date',
  'personal_code',
  'school_class',
  'guardians',
  'attendance',
  'risks',
] as const;
export type ReferralItem = (typeof REFERRAL_ITEMS)[number];

export const REFERRAL_STATUSES = [
  'sent',
  'received',
  'in_progress',
  'answered',
  'closed',
  'withdrawn',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** Statuses in which the partner still has to act. */
export const OPEN_REFERRAL_STATUSES = ['sent', 'received', 'in_progress'] as const;
export const REFERRAL_URGENCIES = ['normal', 'urgent'] as const;

/** Longest reason and response. */
export const REFERRAL_TEXT_MAX = 4000;

/**
 * What the partner sees of the student: only the keys of the chosen items are present (a key that
 * was not chosen is absent, not null).
 */
export const ZSharedData = z.object({
  name: z.object({ firstName: z.string(), lastName: z.string() }).optional(),
  birthDate: z.string().nullable().optional(),
  personalCode: z.string().optional(),
  schoolClass: z
    .object({
      schoolName: z.string(),
      grade: z.number().nullable(),
      course: z.number().nullable(),
      classLabel: z.string(),
    })
    .optional(),
  guardians: z
    .array(
      z.object({
        name: z.string(),
        relation: z.string(),
        phone: z.string().nullable(),
        email: z.string().nullable(),
      }),
    )
    .optional(),
  attendance: z
    .object({
      from: z.string(),
      to: z.string(),
      unjustifiedLessons: z.number(),
      justifiedLessons: z.number(),
      otherLessons: z.number(),
    })
    .nullable()
    .optional(),
  risks: z.array(z.object({ riskType: z.string(), name: z.string().nullable() })).optional(),
});
export type TSharedData = z.infer<typeof ZSharedData>;

export const ZReferralAbilities = z.object({
  /** Partner: mark received, in progress, answered; attach a file. */
  receive: z.boolean(),
  start: z.boolean(),
  answer: z.boolean(),
  attach: z.boolean(),
  /** School: close an answered referral, withdraw an unanswered one. */
  close: z.boolean(),
  withdraw: z.boolean(),
});

export const ZReferral = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  urgency: z.enum(REFERRAL_URGENCIES),
  dueOn: z.string(),
  overdue: z.boolean(),
  /** Null for a reader who may see that a referral exists but not its texts. */
  reason: z.string().nullable(),
  items: z.array(z.enum(REFERRAL_ITEMS)),
  /** The snapshot the partner sees (the partner only; withdrawn referrals show none). */
  data: ZSharedData.nullable(),
  partner: z.object({ id: z.string(), name: z.string(), kind: z.enum(PARTNER_KINDS).nullable() }),
  schoolName: z.string(),
  sentAt: z.string(),
  sentByName: z.string(),
  /** The plan measure it belongs to, in words (school side only). */
  measureLabel: z.string().nullable(),
  response: z.string().nullable(),
  attachment: z.object({ fileName: z.string(), size: z.number() }).nullable(),
  events: z.array(
    z.object({ status: z.enum(REFERRAL_STATUSES), at: z.string(), byName: z.string().nullable() }),
  ),
  can: ZReferralAbilities,
});
export type TReferral = z.infer<typeof ZReferral>;

/** A partner institution a referral may go to. */
export const ZReferralPartner = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PARTNER_KINDS).nullable(),
  municipalityName: z.string().nullable(),
});

/** A student's referrals (school side), with what the form needs. */
export const ZStudentReferrals = z.object({
  items: z.array(ZReferral),
  can: z.object({ send: z.boolean() }),
  partners: z.array(ZReferralPartner),
  measures: z.array(z.object({ planId: z.string(), measureId: z.string(), label: z.string() })),
});
export type TStudentReferrals = z.infer<typeof ZStudentReferrals>;

const ZItems = z
  .array(z.enum(REFERRAL_ITEMS))
  .min(1)
  .max(REFERRAL_ITEMS.length)
  .refine((a) => new Set(a).size === a.length, { message: 'duplicate' });

export const ZReferralPreviewBody = z.object({ items: ZItems });
export const ZReferralPreview = z.object({ data: ZSharedData });

export const ZSendReferralBody = z.object({
  partnerId: z.uuid(),
  reason: zText(REFERRAL_TEXT_MAX, 3),
  items: ZItems,
  urgency: z.enum(REFERRAL_URGENCIES),
  dueOn: ZEventDate,
  planId: z.uuid().nullable().optional(),
  measureId: z.uuid().nullable().optional(),
});
export type TSendReferralBody = z.infer<typeof ZSendReferralBody>;

export const ZReferralStatusBody = z.object({
  status: z.enum(['received', 'in_progress', 'answered']),
  response: zText(REFERRAL_TEXT_MAX, 1).optional(),
});
export type TReferralStatusBody = z.infer<typeof ZReferralStatusBody>;

export const ZReferralListQuery = z.object({ status: z.enum(['open', 'all']).optional() });

/** The partner's referrals, newest first, with counts by status. */
export const ZPartnerReferralList = z.object({
  items: z.array(ZReferral),
  counts: z.object({
    sent: z.number(),
    received: z.number(),
    in_progress: z.number(),
    answered: z.number(),
    overdue: z.number(),
  }),
});
export type TPartnerReferralList = z.infer<typeof ZPartnerReferralList>;

export const ZReferralParams = z.object({ id: z.uuid() });
