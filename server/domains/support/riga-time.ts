/** Latvian wall-clock time and instants: planned sessions are entered and shown as Riga dates and times. */

const PARTS = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Riga',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as the Riga date (yyyy-mm-dd) and time (hh:mm). */
export function toRiga(at: Date): { date: string; time: string } {
  const [date, time] = PARTS.format(at).split(' ');
  return { date, time };
}

/** The instant of a Riga date and time (the summer/winter offset of that day). */
export function fromRiga(date: string, time: string): Date {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  let at = asUtc;
  // Two rounds settle the offset, also next to the switch between summer and winter time.
  for (let i = 0; i < 2; i++) {
    const seen = toRiga(new Date(at));
    const drift = Date.parse(`${seen.date}T${seen.time}:00Z`) - asUtc;
    at -= drift;
  }
  return new Date(at);
}
