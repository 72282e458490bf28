import { z } from 'zod';

/** The e-signature container type of Latvia's eParaksts (.edoc / .asice): an ASiC-E ZIP. */
export const ASICE_TYPE = 'application/vnd.etsi.asic-e+zip';
/** What a signed plan may be uploaded as: a scan or an e-signature container. */
export const SIGNED_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', ASICE_TYPE] as const;

/** A signed copy of a plan: the file, who uploaded it and when. */
export const ZSignedFile = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  kind: z.enum(['scan', 'container']),
  size: z.number().int(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
});
export type TSignedFile = z.infer<typeof ZSignedFile>;

export const ZSignedFileList = z.object({
  items: z.array(ZSignedFile),
  /** Whether the caller may upload a signed copy of this plan. */
  canUpload: z.boolean(),
});
export type TSignedFileList = z.infer<typeof ZSignedFileList>;
