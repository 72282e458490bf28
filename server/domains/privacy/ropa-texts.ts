import type { Language } from '../../../common/roles.ts';
import { type MessageKey, t } from '../../platform/i18n/index.ts';

/**
 * A text of the record of processing (server/platform/i18n, section `privacy`): the inventory's
 * codes name them (`purpose.early_leaving_support`, `category.identifier`, …).
 */
export function ropaText(lang: Language, key: string): string {
  return t(lang, `privacy.${key}` as MessageKey);
}

/** How many numbered texts each list of the record has (`otherRecipients.r1`…, `security.s1`…). */
export const ROPA_LISTS = {
  otherRecipients: ['r1', 'r2'],
  security: ['s1', 's2', 's3', 's4', 's5', 's6', 's7'],
};
