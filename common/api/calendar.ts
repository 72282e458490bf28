import { z } from 'zod';
import { ZSemesterDate } from './fields.ts';

/** New dates for one semester of the school-year calendar (national admin). */
export const ZUpdateSemesterBody = z
  .object({ startsOn: ZSemesterDate, endsOn: ZSemesterDate })
  .refine((b) => b.startsOn < b.endsOn, { message: 'semester_dates', path: ['endsOn'] });
export type TUpdateSemesterBody = z.infer<typeof ZUpdateSemesterBody>;
