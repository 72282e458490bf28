/**
 * File storage for scans (signed applications, payment documents): the one module students and
 * budgets use. Checks a scan before storing it and reads it back by id.
 */
export { findStoredFile, insertStoredFile } from './repo.ts';
export { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from './scan-images.ts';
export { addScanRoutes, type ScanRoute } from './scan-routes.ts';
export {
  checkScanStructure,
  looksLikeHtml,
  MAX_SCAN_BYTES,
  sniffScanType,
  storeScan,
  type UploadedScan,
} from './scans.ts';
