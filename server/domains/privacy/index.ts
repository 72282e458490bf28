/**
 * Privacy (issue 16): the data inventory, retention classes and the retention job, erasure with its
 * log, and the record of processing activities. Other parts of the server import it only from here.
 */

export { INVENTORY, INVENTORY_FILES, type InventoryTable } from './inventory/index.ts';
export { compareInventory, type DatabaseColumn } from './inventory-check.ts';
export { ERASURE_LOG_VIEW, ROPA_VIEW, STUDENT_ERASE } from './policy.ts';
export { retentionClasses } from './retention.ts';
export { buildRopa, type Ropa, renderRopaMarkdown } from './ropa.ts';
export { privacyRoutes } from './routes.ts';
export { anonymiseStudent, eraseStudent, RetentionRunsError, runRetention } from './service.ts';
export {
  DEFAULT_RETENTION,
  parseRetentionSettings,
  type RetentionSettings,
  retentionSettings,
  setRetentionSettings,
} from './settings.ts';
