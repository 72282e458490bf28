/** The calendar date in Latvia now (yyyy-mm-dd): school days, signatures and deadlines are Latvian dates. */
export function todayInLatvia(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Riga',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
