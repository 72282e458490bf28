/** Dates are shown dd.mm.yyyy in both languages (Latvian convention). */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  // A calendar date (yyyy-mm-dd) is shown as it is, whatever the browser's time zone.
  const plain = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (plain) return `${plain[3]}.${plain[2]}.${plain[1]}`;
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '';
  const dd = String(d.getDate()).padStart(2, '0');
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  return `${dd}.${mm}.${d.getFullYear()}`;
}

/** dd.mm.yyyy hh:mm in local time. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '';
  const hh = String(d.getHours()).padStart(2, '0');
  const mi = String(d.getMinutes()).padStart(2, '0');
  return `${formatDate(d)} ${hh}:${mi}`;
}

/** Euros from integer cents, two decimals, Latvian decimal comma. */
export function formatEuro(cents: number, lang: 'lv' | 'en' = 'lv'): string {
  const [whole, decimals] = (Math.abs(cents) / 100).toFixed(2).split('.');
  // Thousands grouped: a (no-break) space in Latvian, a comma in English.
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'lv' ? '\u00a0' : ',');
  const sign = cents < 0 ? '−' : '';
  return lang === 'lv' ? `${sign}${grouped},${decimals} €` : `${sign}€${grouped}.${decimals}`;
}
