import type Database from "better-sqlite3";
import { statement } from "../../db/sql.ts";

// One event property's values read out of SQLite for events of a range of seqs, in batches (see
// props.ts loadEventColumn): by the thread that builds the column, and by the helper thread that
// reads some of a large workspace's batches (column-share.ts).

/**
 * Events per statement when a column is read in batches: each batch comes back as JSON arrays
 * (ScanForm), which must stay well under V8's largest string (~512 MB) even for long values.
 */
export const PROP_BATCH_EVENTS = 1 << 18;

/** Whether SQLite's path syntax can name the property (else each object is parsed in JS). */
export const quotable = (name: string) => !/["\\]/.test(name);

function typed(t: string, v: unknown): unknown {
  if (t === "true") return true;
  if (t === "false") return false;
  if (t === "integer" || t === "real" || t === "text") return v;
  return null;
}

/** Calls `put` with the seq and the value of each event of seqs [start, end) that carries the property. */
export type ScanBatch = (start: number, end: number, put: (seq: number, value: unknown) => void) => void;

/**
 * How a batch reads the property: "carrying", two arrays, the seqs and the values of the events that
 * carry it; "every", one array of every event's value in seq order, null where it has none, its
 * seqs implied by the batch's first seq. Over 3M events of a 10M workspace, "every" read a property
 * on every event in 0.73 s against 1.29 s, and one on 23% of the events in 0.66 s against 0.58 s
 * (docs/query-path.md). "every" relies on SQLite aggregating a rowid range in ascending seq, as its
 * plan (a SEARCH on the INTEGER PRIMARY KEY) does unless `reverse_unordered_selects` is set, which
 * Strata never does; `ORDER BY seq` inside the aggregate would guarantee it but doubled the time.
 */
export type ScanForm = "carrying" | "every";

/**
 * The faster form for the property by the workspace's catalog: "every" when it counts the property
 * on at least half of the events. The catalog only chooses the form: either reads the same column.
 */
export function scanFormOf(db: Database.Database, name: string): ScanForm {
  const [carrying, events] = statement(db)`SELECT
      (SELECT coalesce(sum(count), 0) FROM event_properties WHERE name = ?),
      (SELECT coalesce(sum(count), 0) FROM event_names)`
    .raw()
    .get(name) as [number, number];
  return events > 0 && 2 * carrying >= events ? "every" : "carrying";
}

/**
 * The reader of the property `name` (a quotable one) over ranges of seqs: each event that carries
 * it, with its value as JSON.parse reads it; JSON null, objects and arrays are passed as they are,
 * for the caller to count as missing ("every" leaves out nulls, which count as missing either way).
 */
export function propScanner(db: Database.Database, name: string, form: ScanForm): ScanBatch {
  const path = `$."${name}"`;
  // a batch with gaps in its seqs is read again as "carrying"; after one such batch (events were
  // deleted, likely in others too) every later batch is read as "carrying" from the start
  let every =
    form === "every"
      ? statement(db)`SELECT count(*), min(seq), max(seq), json_group_array(properties -> ?)
          FROM events WHERE seq >= ? AND seq < ?`.raw()
      : null;
  const batch = statement(db)`SELECT json_group_array(seq), json_group_array(properties -> ?)
    FROM events WHERE seq >= ? AND seq < ? AND properties -> ? IS NOT NULL`.raw();
  const rows = statement(db)`SELECT seq, json_type(properties, ?) AS t, json_extract(properties, ?) AS v
    FROM events WHERE seq >= ? AND seq < ? AND properties -> ? IS NOT NULL`.raw();
  return (start, end, put) => {
    const all = every && everyValue(every, path, start, end);
    if (all === "gaps") every = null;
    else if (all) {
      for (let i = 0; i < all.values.length; i++) {
        const value = all.values[i];
        if (value !== null) put(all.first + i, value);
      }
      return;
    }
    const values = batchValues(batch, path, start, end);
    if (values)
      for (let i = 0; i < values.seqs.length; i++) {
        const seq = values.seqs[i];
        if (typeof seq === "number") put(seq, values.values[i]);
      }
    else
      for (const [seq, jsonType, jsonValue] of rows.iterate(path, path, start, end, path) as Iterable<
        [number, string, unknown]
      >)
        put(seq, typed(jsonType, jsonValue));
  };
}

/** The events table's first and last seq, or null when it is empty. */
export function seqSpan(db: Database.Database): [number, number] | null {
  // one aggregate each: SQLite reads min or max of the key from one end of the table only when it
  // is alone in its query; together they scanned every row (4.3 s at 100M events)
  const [first, last] = statement(db)`SELECT (SELECT min(seq) FROM events), (SELECT max(seq) FROM events)`
    .raw()
    .get() as [number | null, number | null];
  return first === null || last === null ? null : [first, last];
}

interface EveryBatch {
  first: number;
  values: unknown[];
}

/**
 * Every event's value in a batch of the "every" form, from the seq `first` on; "gaps" when the
 * batch's seqs have gaps (deleted events), null when its array is too big for one string: the batch
 * is then read as "carrying".
 */
function everyValue(
  every: Database.Statement,
  path: string,
  from: number,
  to: number,
): EveryBatch | "gaps" | null {
  return parsedOrNull<EveryBatch | "gaps">(() => {
    const [count, first, last, json] = every.get(path, from, to) as [
      number,
      number | null,
      number | null,
      string,
    ];
    if (count === 0) return { first: from, values: [] };
    if (first === null || last === null || last - first + 1 !== count) return "gaps";
    const values: unknown = JSON.parse(json);
    return Array.isArray(values) && values.length === count ? { first, values } : null;
  });
}

/** One batch's seqs and values, or null when it does not come back as two JSON arrays of one length. */
function batchValues(
  batch: Database.Statement,
  path: string,
  from: number,
  to: number,
): { seqs: unknown[]; values: unknown[] } | null {
  return parsedOrNull(() => {
    const [seqs, values] = (batch.get(path, from, to, path) as [string, string]).map((json) =>
      JSON.parse(json),
    );
    return Array.isArray(seqs) && Array.isArray(values) && seqs.length === values.length
      ? { seqs, values }
      : null;
  });
}

/** What `read` returns, or null when a batch was too big for one string (SQLite's or V8's limit). */
function parsedOrNull<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch (e) {
    // this batch is read another way ("carrying", else row by row); anything else (a malformed
    // properties object) fails the read as it always has
    if (
      e instanceof RangeError ||
      (e instanceof Error && /too big|too long|Invalid string length/i.test(e.message))
    )
      return null;
    throw e;
  }
}
