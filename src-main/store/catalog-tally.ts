import type Database from "better-sqlite3";
import { statement } from "../db/sql.ts";

// What an import adds to the catalog tables (event counts and time spans, property names, types
// and counts), tallied in memory while rows are written and applied once before the commit. It is
// plain data so the import's parsing thread can tally and its inserting thread can apply.

export type Kind = "string" | "number" | "boolean" | "mixed";

export function mergeKind(a: Kind | undefined, b: Kind): Kind {
  return a === undefined || a === b ? b : "mixed";
}

export interface CatalogDelta {
  /** [event id, count, first time, last time] */
  events: [number, number, number, number][];
  /** [event id, property name, kind, count] */
  props: [number, string, Kind, number][];
  /** [attribute name, kind, count] */
  userProps: [string, Kind, number][];
}

interface EventStats {
  count: number;
  first: number;
  last: number;
  props: Map<string, { type: Kind; count: number }>;
}

export class CatalogTally {
  private readonly stats = new Map<number, EventStats>();
  private readonly userProps = new Map<string, { type: Kind; count: number }>();

  event(eid: number, timeMs: number): void {
    const st = this.stats.get(eid);
    if (!st) {
      this.stats.set(eid, { count: 1, first: timeMs, last: timeMs, props: new Map() });
      return;
    }
    st.count++;
    if (timeMs < st.first) st.first = timeMs;
    if (timeMs > st.last) st.last = timeMs;
  }

  /** `count` events of `eid` carry `name` with values of `kind` (events must be tallied first). */
  property(eid: number, name: string, kind: Kind, count: number): void {
    const st = this.stats.get(eid);
    if (!st || count === 0) return;
    const p = st.props.get(name);
    if (p) {
      p.type = mergeKind(p.type, kind);
      p.count += count;
    } else st.props.set(name, { type: kind, count });
  }

  userProperty(name: string, kind: Kind): void {
    const p = this.userProps.get(name);
    if (p) {
      p.type = mergeKind(p.type, kind);
      p.count++;
    } else this.userProps.set(name, { type: kind, count: 1 });
  }

  /** The tally so far, emptied. */
  take(): CatalogDelta {
    const d: CatalogDelta = { events: [], props: [], userProps: [] };
    for (const [eid, st] of this.stats) {
      d.events.push([eid, st.count, st.first, st.last]);
      for (const [name, p] of st.props) d.props.push([eid, name, p.type, p.count]);
    }
    for (const [name, p] of this.userProps) d.userProps.push([name, p.type, p.count]);
    this.stats.clear();
    this.userProps.clear();
    return d;
  }
}

/** Applies a tally to the catalog tables, inside the caller's transaction. */
export function writeCatalog(db: Database.Database, d: CatalogDelta): void {
  const upName = statement(
    db,
  )`UPDATE event_names SET count = count + ?, first_time = min(coalesce(first_time, ?), ?),
     last_time = max(coalesce(last_time, ?), ?) WHERE id = ?`;
  const upProp = statement(db)`INSERT INTO event_properties (event_id, name, type, count) VALUES (?, ?, ?, ?)
     ON CONFLICT (event_id, name) DO UPDATE SET count = count + excluded.count,
     type = CASE WHEN type = excluded.type THEN type ELSE 'mixed' END`;
  const upUserProp = statement(db)`INSERT INTO user_properties (name, type, count) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET count = count + excluded.count,
     type = CASE WHEN type = excluded.type THEN type ELSE 'mixed' END`;
  for (const [eid, count, first, last] of d.events) upName.run(count, first, first, last, last, eid);
  for (const [eid, name, kind, count] of d.props) upProp.run(eid, name, kind, count);
  for (const [name, kind, count] of d.userProps) upUserProp.run(name, kind, count);
}
