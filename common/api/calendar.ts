import { z } from 'zod';

/** New dates for one semester of the school-year calendar (national admin). */
export const ZUpdateSemesterBody = z
  .object({ startsOn: z.iso.date(), endsOn: z.iso.date() })
  .refine((b) => b.startsOn < b.endsOn, { message: 'semester_dates', path: ['endsOn'] });
export type TUpdateSemesterBody = z.infer<typeof ZUpdateSemesterBody>;
