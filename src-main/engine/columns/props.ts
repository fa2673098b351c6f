import type Database from "better-sqlite3";
import { statement } from "../../db/sql.ts";
import { ColumnBuilder, ownArrays, sharedArrays } from "./column-builder.ts";
import { newBatches, readBatches } from "./column-share.ts";
import { HELPER_FROM_EVENTS, helperCanRead, readWithHelper } from "./helper-build.ts";
import { PROP_BATCH_EVENTS, propScanner, quotable, type ScanForm, scanFormOf, seqSpan } from "./prop-scan.ts";
import type { PropColumn } from "./types.ts";

// Property columns are read from SQLite on first use; names SQLite's path syntax cannot quote fall
// back to parsing each properties object in JS.

/**
 * An event property column: slot p for timeline position p (posOfSeq maps events.seq to p).
 *
 * SQLite finds the property (json's `->` runs in C, far faster than parsing each object in JS) and
 * hands back each batch of events as JSON arrays (the seqs and values of the events carrying it, or
 * every event's value for a property on most events: `form`, prop-scan.ts), which one JSON.parse
 * each turns into JS values: a row handed to JavaScript one at a time costs about as much
 * as SQLite's own look into its JSON (10M events, a property on 2.3M of them: 7.6 s row by row, about
 * 3-4 s in batches). `->` keeps a value's JSON text, so a number is parsed once, by JSON.parse, to the
 * same double as before; a JSON null, object or array parses to a value the column counts as missing.
 * A batch that cannot come back this way (a value too long for one string) is read row by row.
 * When `posOfSeq` is shared memory (the timeline's) the column is built in shared memory, and a
 * large workspace's is read by two threads (helper-build.ts); `helperFrom`: the events from which
 * it is.
 */
export function loadEventColumn(
  db: Database.Database,
  name: string,
  nEvents: number,
  posOfSeq: Int32Array,
  batchEvents = PROP_BATCH_EVENTS,
  helperFrom = HELPER_FROM_EVENTS,
  /** the form batches are read in (prop-scan.ts): by default as the catalog suggests */
  formAsked?: ScanForm,
): PropColumn {
  if (!quotable(name)) return parsedInJs(db, name, nEvents, posOfSeq);
  const form = formAsked ?? scanFormOf(db, name);
  const span = seqSpan(db);
  // with the timeline's posOfSeq in shared memory the column is too: query workers share it (pool.ts)
  const shared = posOfSeq.buffer instanceof SharedArrayBuffer;
  if (span && shared && helperCanRead(db, nEvents, helperFrom)) {
    const helped = readWithHelper(db, name, nEvents, posOfSeq, span, batchEvents, form);
    if (helped) return helped.column;
  }
  const built = new ColumnBuilder(shared ? sharedArrays(nEvents) : ownArrays(nEvents));
  // no helper (or it failed): this thread reads every batch
  if (span) readBatches(propScanner(db, name, form), newBatches(span, batchEvents), posOfSeq, built, false);
  return built.done();
}

/** The column of a name SQLite's path syntax cannot quote: every properties object parsed in JS. */
function parsedInJs(db: Database.Database, name: string, nEvents: number, posOfSeq: Int32Array): PropColumn {
  const built = new ColumnBuilder(ownArrays(nEvents));
  const stmt = statement(db)`SELECT seq, properties FROM events WHERE properties IS NOT NULL`;
  for (const [seq, json] of stmt.raw().iterate() as Iterable<[number, string]>) {
    const obj = JSON.parse(json) as Record<string, unknown>;
    const pos = posOfSeq[seq] ?? -1;
    if (pos >= 0 && Object.hasOwn(obj, name)) built.set(pos, obj[name]);
  }
  return built.done();
}

/** A user attribute column, slot i for user index i. */
export function loadUserColumn(
  db: Database.Database,
  name: string,
  indexOfId: (id: number) => number,
  nUsers: number,
): PropColumn {
  const b = new ColumnBuilder(ownArrays(nUsers));
  const stmt = statement(db)`SELECT id, attributes FROM users WHERE attributes IS NOT NULL`;
  for (const [id, json] of stmt.raw().iterate() as Iterable<[number, string]>) {
    const i = indexOfId(id);
    if (i < 0) continue;
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(json) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (obj && typeof obj === "object" && Object.hasOwn(obj, name)) b.set(i, obj[name]);
  }
  return b.done();
}
