import { createHash } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { buildDemo } from "../../../src-main/demo/build.ts";

export interface Row {
  user: string;
  name: string;
  time: number;
  props: Record<string, unknown>;
}

export interface UserRow {
  external_id: string;
  created_at: number | null;
  attributes: Record<string, unknown>;
}

/** Builds a demo of `users` users in `dir` and returns its path. */
export function build(dir: string, users: number, seed?: number, name = "demo.strata"): string {
  const f = path.join(dir, name);
  buildDemo(f, { users, ...(seed !== undefined ? { seed } : {}) });
  return f;
}

/** A hash of everything the demo means: every event and every user, in a fixed order. */
export function contentHash(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const h = createHash("sha256");
    const events = db
      .prepare(
        `SELECT u.external_id, n.name, e.time, e.properties FROM events e JOIN users u ON u.id = e.user_id
         JOIN event_names n ON n.id = e.event_id ORDER BY u.external_id, e.time, e.seq`,
      )
      .raw()
      .iterate() as Iterable<unknown[]>;
    for (const r of events) h.update(JSON.stringify(r));
    for (const r of db
      .prepare("SELECT external_id, created_at, attributes FROM users ORDER BY external_id")
      .raw()
      .iterate() as Iterable<unknown[]>)
      h.update(JSON.stringify(r));
    return h.digest("hex");
  } finally {
    db.close();
  }
}

/** Every event (user, name, time, parsed properties) in user and time order, and every user. */
export function readDemo(file: string): { events: Row[]; users: UserRow[]; db: Database.Database } {
  const db = new Database(file, { readonly: true });
  const events = (
    db
      .prepare(
        `SELECT u.external_id AS user, n.name AS name, e.time AS time, e.properties AS props FROM events e
         JOIN users u ON u.id = e.user_id JOIN event_names n ON n.id = e.event_id ORDER BY e.user_id, e.time, e.seq`,
      )
      .all() as { user: string; name: string; time: number; props: string | null }[]
  ).map((r) => ({ ...r, props: r.props ? (JSON.parse(r.props) as Record<string, unknown>) : {} }));
  const users = (
    db.prepare("SELECT external_id, created_at, attributes FROM users ORDER BY id").all() as {
      external_id: string;
      created_at: number | null;
      attributes: string | null;
    }[]
  ).map((u) => ({
    ...u,
    attributes: u.attributes ? (JSON.parse(u.attributes) as Record<string, unknown>) : {},
  }));
  return { events, users, db };
}

/** Events grouped by user, each list in time order. */
export function byUser(events: readonly Row[]): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  for (const e of events) {
    const l = m.get(e.user);
    if (l) l.push(e);
    else m.set(e.user, [e]);
  }
  return m;
}
