import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect } from "vitest";
import { type SqlFragment, sql } from "../../../src-main/db/sql.ts";
import { buildArrays, type TimelineArrays } from "../../../src-main/engine/columns/build.ts";
import { loadColumns } from "../../../src-main/engine/columns/load.ts";
import { ingest } from "../../../src-main/import/ingest.ts";
import { PipeStore } from "../../../src-main/import/store.ts";
import { UserDict } from "../../../src-main/import/user-dict.ts";
import type { Dictionaries } from "../../../src-main/store/event-writer.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import type { ImportOptions, ImportSummary } from "../../../src-preload/contract/methods/import.ts";
import { tmpDir } from "../../helpers/tmp.ts";

export const FIXTURES = path.join(import.meta.dirname, "../../fixtures/import");
export const fixture = (name: string) => path.join(FIXTURES, name);

export function tempWorkspace(timezone = "UTC"): string {
  const dir = tmpDir("strata-import-");
  const file = path.join(dir, "t.strata");
  Workspace.create(file, { timezone }).close();
  return file;
}

export interface StoredEvent {
  user: string;
  event: string;
  time: number;
  props: Record<string, unknown>;
}

export function events(ws: string): StoredEvent[] {
  const db = new Database(ws, { readonly: true });
  try {
    return (
      db
        .prepare(
          `SELECT u.external_id AS user, n.name AS event, e.time, e.properties FROM events e
           JOIN users u ON u.id = e.user_id JOIN event_names n ON n.id = e.event_id ORDER BY e.seq`,
        )
        .all() as { user: string; event: string; time: number; properties: string | null }[]
    ).map((r) => ({
      user: r.user,
      event: r.event,
      time: r.time,
      props: r.properties ? JSON.parse(r.properties) : {},
    }));
  } finally {
    db.close();
  }
}

export function query<T>(ws: string, text: string): T[] {
  const db = new Database(ws, { readonly: true });
  try {
    return db.prepare(text).all() as T[];
  } finally {
    db.close();
  }
}

/** Imports one fixture into a fresh workspace (in-process; the worker has its own test). */
export async function importFixture(
  name: string,
  options: ImportOptions = {},
  timezone = "UTC",
  pipeline = true,
): Promise<{ ws: string; summary: ImportSummary }> {
  const ws = tempWorkspace(timezone);
  const [summary] = await ingest({
    workspace: ws,
    files: [fixture(name)],
    options,
    columns: false,
    pipeline,
  });
  return { ws, summary: summary as ImportSummary };
}

/**
 * Imports `text` as a file called `name` on one thread and on two (a delimited file goes the byte
 * path on two): both must write the same events and report the same rows (seconds set to 0).
 */
export async function importText(
  name: string,
  text: string,
  options: ImportOptions = {},
): Promise<{ summary: ImportSummary; events: StoredEvent[] }> {
  const file = path.join(tmpDir("strata-text-"), name);
  fs.writeFileSync(file, text);
  const once = async (pipeline: boolean) => {
    const ws = tempWorkspace();
    const [summary] = await ingest({ workspace: ws, files: [file], options, columns: false, pipeline });
    return { summary: { ...(summary as ImportSummary), seconds: 0 }, events: events(ws) };
  };
  const one = await once(false);
  expect(await once(true)).toEqual(one);
  return one;
}

/** A generated CSV of n rows (for the worker, cancel and kill tests), about 50 bytes a row. */
export function bigCsv(dir: string, n: number): string {
  const file = path.join(dir, `big-${n}.csv`);
  const lines = ["user_id,event,time,n"];
  for (let i = 0; i < n; i++) lines.push(`u${i % 997},e${i % 7},${1700000000000 + i * 1000},${i}`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

/** The dictionaries of a workspace without users or event names. */
export function emptyDictionaries(): Dictionaries {
  return { users: new Map<string, number>(), names: new Map<string, number>(), nextUserId: 1, nextNameId: 1 };
}

/** The import log row (id 1) that a store's rows point at. */
export const IMPORT_ROW: SqlFragment = sql`INSERT INTO imports (id, file_name, file_path, file_size, file_hash, kind, options, started_at, status) VALUES (1, 'f', 'f', 0, 'h', 'events', '{}', 0, 'done')`;

/**
 * A two-thread store on a new workspace with no users or events, begun, with the import log row
 * written: its sink (import 1) takes events at once.
 */
export function begunStore() {
  const ws = tempWorkspace();
  const store = new PipeStore(ws);
  const dict = emptyDictionaries();
  store.setUsers(new UserDict());
  store.begin(dict);
  store.run(IMPORT_ROW);
  return { ws, store, sink: store.sink(1, dict) };
}

/** A timeline as plain values, for toEqual. */
export function plain(a: TimelineArrays): Record<string, unknown> {
  return {
    userOffsets: [...a.userOffsets],
    eventCodes: [...a.eventCodes],
    times: [...a.times],
    seqs: [...a.seqs],
    userIds: [...a.userIds],
    createdAt: [...a.createdAt].map((v) => (Number.isNaN(v) ? null : v)),
    eventNames: a.eventNames,
    stamp: a.stamp,
  };
}

/** The timeline saved in the workspace, and the one the engine builds from its table. */
export function saved(ws: string): { saved: TimelineArrays | null; rebuilt: TimelineArrays } {
  const db = new Database(ws);
  try {
    return { saved: loadColumns(db), rebuilt: buildArrays(db) };
  } finally {
    db.close();
  }
}
