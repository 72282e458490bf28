/**
 * The chronology's public module: the port through which higher domains add their entries to a
 * student's chronology (server/wiring.ts: `registerChronologySource('note', findNoteChronologyEntries)`).
 * The chronology builds on risks, ejournal, plans, support and letters; no domain imports it but the
 * composition root.
 */
export {
  type ChronologySource,
  registerChronologySource,
  unregisterChronologySource,
} from './sources.ts';
