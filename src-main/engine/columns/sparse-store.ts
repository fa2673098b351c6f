import type Database from "better-sqlite3";
import { statement } from "../../db/sql.ts";
import { putChunks, readPart, replaceRows } from "./prop-store.ts";
import { CHUNK_BYTES, COLUMNS_VERSION, rowCountsFit } from "./saved-layout.ts";
import { mergeValues, noValues, sparseFits } from "./sparse-prop.ts";
import type { SparseProp } from "./types.ts";

// An event property's values where events have one (SparseProp), saved in engine_columns by the
// code of their events: what revenue and rfm read of a property at the events of one name (at 100M
// events a price on 23% of them is 300 MB of values and 900 MB of column, and its purchases'
// values 34 MB). A rare property (on at most a quarter of the events) is saved so instead of as
// its column, which these values make again (timeline.ts); a common one's values are saved beside
// its column once revenue or rfm has read them. Rows are `eventprop.s-<part>@<code>#<i>.<name>` and
// the meta `eventprop.s-meta.<name>`: the parts of a column (prop-store.ts) are tag, num, str and
// meta, so no row of one is a row of the other, and the timeline's next save deletes both
// (`%prop.%`). A workspace of the version before has none: they are then taken from the column.

const PARTS = ["at", "tag", "num", "str"] as const;
type Part = (typeof PARTS)[number];

const metaRow = (name: string) => `eventprop.s-meta.${name}`;
const row = (part: Part, code: number, i: number, name: string) => `eventprop.s-${part}@${code}#${i}.${name}`;

interface Meta {
  stamp: string;
  dict: string[];
  /** the rows of each part, by event code (as a string: a JSON key) */
  codes: Record<string, Record<Part, number>>;
}

function readMeta(db: Database.Database, name: string): Meta | null {
  const blob = statement(db)`SELECT data FROM engine_columns WHERE name = ? AND version = ?`.pluck();
  const data = blob.get(metaRow(name), COLUMNS_VERSION);
  if (!Buffer.isBuffer(data)) return null;
  try {
    const m = JSON.parse(data.toString("utf8")) as Partial<Meta> | null;
    if (!m || typeof m.stamp !== "string" || !Array.isArray(m.dict)) return null;
    const codes = m.codes;
    if (typeof codes !== "object" || codes === null) return null;
    // event codes as the save wrote them (no "03"), and row counts it can have written: MAX_ROWS
    // over every code, which the next save names before deleting them (65,536 codes of 2^20 rows
    // each were 2^38 names)
    if (!Object.keys(codes).every(isCode) || !rowCountsFit(Object.values(codes), PARTS)) return null;
    return { stamp: m.stamp, dict: m.dict, codes };
  } catch {
    return null;
  }
}

/** Whether a key of the meta's codes is an event code as String() writes it. */
function isCode(key: string): boolean {
  const code = Number(key);
  return String(code) === key && code >= 0 && code < 0x10000;
}

/** Whether the property's values are saved for the timeline of `stamp`. */
export function valuesSaved(db: Database.Database, name: string, stamp: string): boolean {
  return readMeta(db, name)?.stamp === stamp;
}

/** Saves the values of every event code that has some (sparse-prop.ts valuesByCode). */
export function saveValues(
  db: Database.Database,
  name: string,
  stamp: string,
  byCode: ReadonlyMap<number, SparseProp>,
  dict: readonly string[],
  chunkBytes = CHUNK_BYTES,
): void {
  replaceRows(
    db,
    chunkBytes,
    () => {
      const before = Object.entries(readMeta(db, name)?.codes ?? {});
      const rows = before.flatMap(([code, counts]) =>
        PARTS.flatMap((p) => Array.from({ length: counts[p] }, (_, i) => row(p, Number(code), i, name))),
      );
      return [...rows, metaRow(name)];
    },
    (put, now) => {
      const codes: Meta["codes"] = {};
      for (const [code, values] of byCode) {
        const rows: Record<Part, number> = { at: 0, tag: 0, num: 0, str: 0 };
        for (const p of PARTS)
          rows[p] = putChunks(put, (i) => row(p, code, i, name), values[p], now, chunkBytes);
        codes[String(code)] = rows;
      }
      const meta: Meta = { stamp, dict: [...dict], codes };
      put.run(metaRow(name), COLUMNS_VERSION, now, Buffer.from(JSON.stringify(meta), "utf8"));
    },
  );
}

/**
 * The saved values at the events of `code` (every event when negative) when they were taken from
 * the timeline of `stamp`, whose event codes are `codes`; else null.
 */
export function loadValues(
  db: Database.Database,
  name: string,
  stamp: string,
  codes: Uint16Array,
  code = -1,
): SparseProp | null {
  // one read transaction: a save between the meta and the rows cannot mix two saves' rows
  return db.transaction(() => loadIn(db, name, stamp, codes, code))();
}

/**
 * Every event code's saved values (each list as loadValues gives one code's), unmerged, when they
 * were taken from the timeline of `stamp`; else null.
 */
export function loadValueLists(
  db: Database.Database,
  name: string,
  stamp: string,
  codes: Uint16Array,
): ValueLists | null {
  return db.transaction(() => listsIn(db, name, stamp, codes))();
}

function loadIn(
  db: Database.Database,
  name: string,
  stamp: string,
  codes: Uint16Array,
  code: number,
): SparseProp | null {
  const found = listsIn(db, name, stamp, codes, code < 0 ? undefined : code);
  if (!found) return null;
  return code < 0 ? mergeValues(found.lists, found.dict) : (found.lists[0] ?? null);
}

/** Saved values by event code, and the dictionary their strings index. */
export interface ValueLists {
  dict: string[];
  lists: SparseProp[];
}

/** The saved values of one code (`only`), or of each code that has some when `only` is absent. */
function listsIn(
  db: Database.Database,
  name: string,
  stamp: string,
  codes: Uint16Array,
  only?: number,
): ValueLists | null {
  const meta = readMeta(db, name);
  if (!meta || meta.stamp !== stamp) return null;
  const dict = meta.dict;
  const one = (of: number): SparseProp | null => {
    const chunks = meta.codes[String(of)];
    // no event of the code has a value
    if (!chunks) return noValues(dict);
    const rows = (p: Part) => Array.from({ length: chunks[p] }, (_, i) => row(p, of, i, name));
    const at = readPart(Int32Array, rows("at"), db);
    const tag = readPart(Uint8Array, rows("tag"), db);
    const num = readPart(Float64Array, rows("num"), db);
    const str = readPart(Int32Array, rows("str"), db);
    if (!at || !tag || !num || !str) return null;
    const values: SparseProp = { at, tag, num, str, dict };
    return sparseFits(values, codes, of) ? values : null;
  };
  const lists: SparseProp[] = [];
  for (const key of only === undefined ? Object.keys(meta.codes).map(Number) : [only]) {
    const values = one(key);
    if (!values) return null;
    lists.push(values);
  }
  return { dict, lists };
}
