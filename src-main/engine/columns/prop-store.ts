import type Database from "better-sqlite3";
import { statement } from "../../db/sql.ts";
import { COLUMNS_VERSION } from "./persist.ts";
import type { PropColumn } from "./types.ts";

// Property columns saved in engine_columns after their first load (reading a property out of 10M
// JSON objects takes seconds; a saved column is a copy). Each is stamped with the timeline it was
// built against, so a column from before an import is never used.

const key = (scope: "event" | "user", name: string, part: string) => `${scope}prop.${part}.${name}`;

export function saveProp(
  db: Database.Database,
  scope: "event" | "user",
  name: string,
  stamp: string,
  col: PropColumn,
): void {
  const put = statement(
    db,
  )`INSERT OR REPLACE INTO engine_columns (name, version, built_at, data) VALUES (?, ?, ?, ?)`;
  const now = Date.now();
  const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  db.transaction(() => {
    put.run(key(scope, name, "tag"), COLUMNS_VERSION, now, bytes(col.tag));
    put.run(key(scope, name, "num"), COLUMNS_VERSION, now, bytes(col.num));
    put.run(key(scope, name, "str"), COLUMNS_VERSION, now, bytes(col.str));
    put.run(
      key(scope, name, "meta"),
      COLUMNS_VERSION,
      now,
      Buffer.from(JSON.stringify({ stamp, dict: col.dict }), "utf8"),
    );
  })();
}

function copy<T extends Uint8Array | Float64Array | Int32Array>(
  ctor: new (b: ArrayBuffer) => T,
  buf: Buffer,
): T {
  const ab = new ArrayBuffer(buf.byteLength);
  new Uint8Array(ab).set(buf);
  return new ctor(ab);
}

/** The saved column when it was built against `stamp`, else null. */
export function loadProp(
  db: Database.Database,
  scope: "event" | "user",
  name: string,
  stamp: string,
): PropColumn | null {
  const blob = statement(db)`SELECT data FROM engine_columns WHERE name = ? AND version = ?`.pluck();
  const meta = blob.get(key(scope, name, "meta"), COLUMNS_VERSION) as Buffer | undefined;
  if (!meta) return null;
  const m = JSON.parse(meta.toString("utf8")) as { stamp: string; dict: string[] };
  if (m.stamp !== stamp) return null;
  const tag = blob.get(key(scope, name, "tag"), COLUMNS_VERSION) as Buffer | undefined;
  const num = blob.get(key(scope, name, "num"), COLUMNS_VERSION) as Buffer | undefined;
  const str = blob.get(key(scope, name, "str"), COLUMNS_VERSION) as Buffer | undefined;
  if (!tag || !num || !str) return null;
  return {
    tag: copy(Uint8Array, tag),
    num: copy(Float64Array, num),
    str: copy(Int32Array, str),
    dict: m.dict,
  };
}
