import type { TMe } from '../../../common/api/auth.ts';
import type { BudgetCategory } from '../../../common/api/support.ts';
import { formatEuro } from '../../../common/format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { hoursLabel } from '../plans/plan-labels.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The budget entry of the main navigation ("Budžets"), for those the server lets open the budget pages. */
export function budgetNavItems(me: TMe, t: (key: string) => string): { to: string; label: string }[] {
  return me.can.viewBudgets ? [{ to: '/budgets', label: t('budgets.nav') }] : [];
}

/** Consultation lines count hours; every other line integer cents. */
export function isHours(category: BudgetCategory): boolean {
  return category === 'consultation';
}

/** A category's name, e.g. "Mācību līdzekļi". */
export function categoryLabel(t: Translate, category: string): string {
  return t(`budgets.categories.${category}`);
}

/** An amount of a line: "12,5 h" for consultations, "25,00 €" otherwise. */
export function amountLabel(category: BudgetCategory, amount: number): string {
  return isHours(category) ? hoursLabel(amount) : formatEuro(amount, currentLanguage());
}

/** Euros from cents in the interface language ("25,00 €" or "€25.00"). */
export function euro(cents: number): string {
  return formatEuro(cents, currentLanguage());
}

/**
 * What is left of a line in words as well as figures: "nav piešķirts" when nothing is allocated,
 * "pārsniegts par 12,00 €" when the use is beyond the allocation.
 */
export function remainingLabel(t: Translate, category: BudgetCategory, remaining: number | null): string {
  if (remaining === null) return t('budgets.notAllocated');
  if (remaining < 0) return t('budgets.exceededBy', { amount: amountLabel(category, -remaining) });
  if (remaining === 0) return t('budgets.nothingLeft', { amount: amountLabel(category, 0) });
  return amountLabel(category, remaining);
}

/**
 * A typed amount with up to two decimals ("25", "25,5", "25.50") as a number, or null when it is
 * not one. Euros become cents (×100); hours stay hours.
 */
export function parseAmount(text: string, unit: 'euro' | 'hours'): number | null {
  const trimmed = text.trim().replace(/\s/g, '');
  if (!/^\d+([.,]\d{1,2})?$/.test(trimmed)) return null;
  const value = Number(trimmed.replace(',', '.'));
  return unit === 'euro' ? Math.round(value * 100) : value;
}

/** An amount as typed into a form: cents as "25,00" (or "25.00" in English), hours as "12,5". */
export function amountInput(category: BudgetCategory, amount: number | null): string {
  if (amount === null) return '';
  const text = isHours(category) ? String(amount) : (amount / 100).toFixed(2);
  return currentLanguage() === 'lv' ? text.replace('.', ',') : text;
}
