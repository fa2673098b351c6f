import { StrataError } from "../../src-preload/contract/errors.ts";
import type {
  CatalogEvent,
  CatalogProperty,
  PropertyType,
} from "../../src-preload/contract/methods/catalog.ts";
import { all, get, sql } from "../db/sql.ts";
import { addDays } from "../engine/calendar.ts";
import type { TimelineArrays } from "../engine/columns/build.ts";
import { checkDenseIds } from "../engine/columns/dense-ids.ts";
import { loadColumns, readStamp } from "../engine/columns/index.ts";
import { outOfBounds } from "../engine/typed-index.ts";
import { startOfDate } from "../time/zoned.ts";
import type { Workspace } from "../workspace/workspace.ts";

// The catalog the views read: event names with counts, users and a 30-day sparkline; properties
// with type, coverage and top values; the values of one property; one user's timeline.
// Counts, types and time spans come from the catalog tables the import keeps, so they are exact
// and free. Users per event and the sparkline come from one pass over the engine's saved columns
// (a typed-array scan, a few ms per million events), or from SQL when the columns are stale.
// Distinct counts and top values are read from a sample of the most recent rows
// (SAMPLE_ROWS), flagged `sampled` when the sample did not cover every row. (A user's timeline is
// in user-timeline.ts.)

const SAMPLE_ROWS = 20_000;
const VALUES_SCAN = 200_000;
const TOP = 10;
const MAX_TRACKED = 5_000;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function columnsOf(ws: Workspace): TimelineArrays | null {
  try {
    return loadColumns(ws.db);
  } catch {
    return null;
  }
}

function dayBounds(ws: Workspace): number[] {
  const tz = ws.meta().timezone;
  const asOf = ws.asOfDate();
  return Array.from({ length: 31 }, (_, i) => startOfDate(addDays(asOf, i - 29), tz));
}

function bucket(bounds: number[], t: number): number {
  if (t < (bounds[0] ?? outOfBounds()) || t >= (bounds[30] ?? outOfBounds())) return -1;
  let lo = 0;
  let hi = 30;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t >= (bounds[mid] ?? outOfBounds())) lo = mid;
    else hi = mid;
  }
  return lo;
}

// The event list is asked for by several views at once; it only changes with the data (the
// stamp), the as-of day or the timezone, so the last answer per connection is kept.
const eventsCache = new WeakMap<object, { key: string; value: CatalogEvent[] }>();

export function catalogEvents(ws: Workspace): CatalogEvent[] {
  const key = `${readStamp(ws.db)}|${ws.asOfDate()}|${ws.meta().timezone}`;
  const hit = eventsCache.get(ws.db);
  if (hit?.key === key) return hit.value;
  const value = computeCatalogEvents(ws);
  eventsCache.set(ws.db, { key, value });
  return value;
}

function computeCatalogEvents(ws: Workspace): CatalogEvent[] {
  const names = all<{
    id: number;
    name: string;
    count: number;
    first_time: number | null;
    last_time: number | null;
  }>(
    ws.db,
    sql`SELECT id, name, count, first_time, last_time FROM event_names WHERE count > 0 ORDER BY count DESC, name`,
  );
  if (names.length === 0) return [];
  const bounds = dayBounds(ws);
  const maxId = Math.max(...names.map((n) => n.id));
  // arrays below are indexed by id: ids far past the names' count are a damaged file, not 8 GB
  const named = get<{ n: number }>(ws.db, sql`SELECT count(*) AS n FROM event_names`)?.n ?? 0;
  checkDenseIds(ws.db, "event name", maxId, named);
  const users = new Float64Array(maxId + 1);
  const daily = Array.from({ length: maxId + 1 }, () => new Array<number>(30).fill(0));
  const tl = columnsOf(ws);
  if (tl) {
    const lastUser = new Int32Array(maxId + 1).fill(-1);
    const { userOffsets, eventCodes, times } = tl;
    for (let userIndex = 0; userIndex + 1 < userOffsets.length; userIndex++) {
      for (
        let k = userOffsets[userIndex] ?? outOfBounds();
        k < (userOffsets[userIndex + 1] ?? outOfBounds());
        k++
      ) {
        const eventId = eventCodes[k] ?? outOfBounds();
        if (lastUser[eventId] !== userIndex) {
          lastUser[eventId] = userIndex;
          users[eventId] = (users[eventId] ?? outOfBounds()) + 1;
        }
        const day = bucket(bounds, times[k] ?? outOfBounds());
        if (day >= 0)
          (daily[eventId] ?? outOfBounds())[day] =
            ((daily[eventId] ?? outOfBounds())[day] ?? outOfBounds()) + 1;
      }
    }
  } else {
    for (const row of all<{ e: number; n: number }>(
      ws.db,
      sql`SELECT event_id AS e, count(DISTINCT user_id) AS n FROM events GROUP BY event_id`,
    ))
      users[row.e] = row.n;
    for (const row of all<{ e: number; t: number }>(
      ws.db,
      sql`SELECT event_id AS e, time AS t FROM events WHERE time >= ${bounds[0] ?? outOfBounds()} AND time < ${bounds[30] ?? outOfBounds()}`,
    )) {
      const day = bucket(bounds, row.t);
      if (day >= 0 && daily[row.e])
        (daily[row.e] ?? outOfBounds())[day] = ((daily[row.e] ?? outOfBounds())[day] ?? outOfBounds()) + 1;
    }
  }
  return names.map((n) => ({
    name: n.name,
    count: n.count,
    users: users[n.id] ?? 0,
    firstSeen: iso(n.first_time),
    lastSeen: iso(n.last_time),
    daily: daily[n.id] ?? [],
  }));
}

type Value = string | number | boolean;

interface Tally {
  values: Map<string, Map<Value, number>>;
  /** rows where the key holds a scalar value */
  set: Map<string, number>;
  /** keys whose distinct values reached MAX_TRACKED (later new values were not counted) */
  capped: Set<string>;
}

/** Tallies the values of every key in a sample of JSON objects. */
function tally(rows: (string | null)[]): Tally {
  const out = new Map<string, Map<Value, number>>();
  const set = new Map<string, number>();
  const capped = new Set<string>();
  for (const text of rows) {
    if (!text) continue;
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(text) as Record<string, unknown>;
    } catch {
      continue;
    }
    for (const k in obj) {
      const value = obj[k];
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") continue;
      set.set(k, (set.get(k) ?? 0) + 1);
      let counts = out.get(k);
      if (!counts) {
        counts = new Map();
        out.set(k, counts);
      }
      const count = counts.get(value);
      if (count !== undefined) counts.set(value, count + 1);
      else if (counts.size < MAX_TRACKED) counts.set(value, 1);
      else capped.add(k);
    }
  }
  return { values: out, set, capped };
}

/** Distinct count, top values and what they are shares of, labeled as sampled or capped. */
function valueFacts(t: Tally, name: string, sampled: boolean, sampleRows: number) {
  return {
    distinct: t.values.get(name)?.size ?? 0,
    ...(t.capped.has(name) ? { distinctCapped: true } : {}),
    topValues: top(t.values.get(name), TOP),
    valuesOf: t.set.get(name) ?? 0,
    sampled,
    ...(sampled ? { sampleRows } : {}),
  };
}

function top(m: Map<Value, number> | undefined, n: number): { value: Value; count: number }[] {
  if (!m) return [];
  return [...m]
    .sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))
    .slice(0, n)
    .map(([value, count]) => ({ value, count }));
}

function eventIdOf(ws: Workspace, name: string): number {
  const r = get<{ id: number }>(ws.db, sql`SELECT id FROM event_names WHERE name = ${name}`);
  if (!r) throw new StrataError("not_found", `there is no event named "${name}"`);
  return r.id;
}

export function catalogProperties(ws: Workspace, scope: "event" | "user", event?: string): CatalogProperty[] {
  if (scope === "user") {
    const total = get<{ n: number }>(ws.db, sql`SELECT count(*) AS n FROM users`)?.n ?? 0;
    const props = all<{ name: string; type: string; count: number }>(
      ws.db,
      sql`SELECT name, type, count FROM user_properties ORDER BY count DESC, name`,
    );
    const sample = all<{ a: string | null }>(
      ws.db,
      sql`SELECT attributes AS a FROM users WHERE attributes IS NOT NULL ORDER BY id DESC LIMIT ${SAMPLE_ROWS}`,
    );
    const values = tally(sample.map((r) => r.a));
    const sampled = total > SAMPLE_ROWS;
    return props.map((p) => ({
      name: p.name,
      scope: "user",
      events: [],
      type: p.type as PropertyType,
      coverage: total > 0 ? Math.min(1, p.count / total) : 0,
      ...valueFacts(values, p.name, sampled, sample.length),
    }));
  }
  const eid = event === undefined ? null : eventIdOf(ws, event);
  const rows = all<{ name: string; type: string; count: number; event: string; total: number }>(
    ws.db,
    sql`SELECT p.name, p.type, p.count, n.name AS event, n.count AS total FROM event_properties p
        JOIN event_names n ON n.id = p.event_id WHERE (${eid} IS NULL OR p.event_id = ${eid}) ORDER BY p.name`,
  );
  const totalEvents =
    get<{ n: number }>(
      ws.db,
      sql`SELECT coalesce(sum(count), 0) AS n FROM event_names WHERE (${eid} IS NULL OR id = ${eid})`,
    )?.n ?? 0;
  const sample = all<{ p: string | null }>(
    ws.db,
    sql`SELECT properties AS p FROM events WHERE (${eid} IS NULL OR event_id = ${eid})
        ORDER BY seq DESC LIMIT ${SAMPLE_ROWS}`,
  );
  const values = tally(sample.map((r) => r.p));
  const byName = new Map<string, CatalogProperty & { n: number }>();
  for (const row of rows) {
    let property = byName.get(row.name);
    if (!property) {
      property = {
        name: row.name,
        scope: "event",
        events: [],
        type: row.type as PropertyType,
        coverage: 0,
        ...valueFacts(values, row.name, totalEvents > SAMPLE_ROWS, sample.length),
        n: 0,
      };
      byName.set(row.name, property);
    } else if (property.type !== row.type) property.type = "mixed";
    property.events.push(row.event);
    property.n += row.count;
  }
  return [...byName.values()]
    .map(({ n, ...p }) => ({ ...p, coverage: totalEvents > 0 ? Math.min(1, n / totalEvents) : 0 }))
    .sort((a, b) => b.coverage - a.coverage || a.name.localeCompare(b.name));
}

function jsonPath(key: string): string {
  return `$."${key.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

export interface ValuesRequest {
  property: string;
  scope?: "event" | "user" | undefined;
  event?: string | undefined;
  search?: string | undefined;
  limit?: number | undefined;
}

/** Top values of one property (for pickers), from the most recent VALUES_SCAN rows. */
export function catalogValues(ws: Workspace, req: ValuesRequest): { value: Value; count: number }[] {
  const limit = req.limit ?? 50;
  const path = jsonPath(req.property);
  const like = req.search ? `%${req.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  if (req.scope === "user") {
    return all<{ value: Value; count: number }>(
      ws.db,
      sql`SELECT v AS value, count(*) AS count FROM (
            SELECT json_extract(attributes, ${path}) AS v FROM users WHERE attributes IS NOT NULL
            ORDER BY id DESC LIMIT ${VALUES_SCAN})
          WHERE v IS NOT NULL AND (${like} IS NULL OR CAST(v AS TEXT) LIKE ${like} ESCAPE '\\')
          GROUP BY v ORDER BY count DESC, value LIMIT ${limit}`,
    );
  }
  const eid = req.event === undefined ? null : eventIdOf(ws, req.event);
  return all<{ value: Value; count: number }>(
    ws.db,
    sql`SELECT v AS value, count(*) AS count FROM (
          SELECT json_extract(properties, ${path}) AS v FROM events
          WHERE properties IS NOT NULL AND (${eid} IS NULL OR event_id = ${eid})
          ORDER BY seq DESC LIMIT ${VALUES_SCAN})
        WHERE v IS NOT NULL AND (${like} IS NULL OR CAST(v AS TEXT) LIKE ${like} ESCAPE '\\')
        GROUP BY v ORDER BY count DESC, value LIMIT ${limit}`,
  );
}
