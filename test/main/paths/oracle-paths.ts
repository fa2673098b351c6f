import type { PathsQuery, PathsResult } from "../../../src-preload/contract/paths.ts";
import { eventsOf, instant, type Log, matches, passes, plusDays } from "../engine/oracle/log.ts";

// Paths as spec/queries.md reads, one user at a time, with plain arrays and strings: no codes, no
// typed arrays, no binary search. Only from/to ranges (the tests pick them).

const UNIT_MS = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

function sessionsOf<T extends { time: number }>(evs: T[], gapMs: number): T[][] {
  const out: T[][] = [];
  for (const e of evs) {
    const cur = out[out.length - 1];
    const prev = cur?.[cur.length - 1];
    if (cur === undefined || prev === undefined || e.time - prev.time > gapMs) out.push([e]);
    else cur.push(e);
  }
  return out;
}

/** The user's path (names, step 0 first) before any renaming to $other; [] when they have none. */
export function oracleUserPath(log: Log, id: string, q: PathsQuery, tz: string): string[] {
  if (!("from" in q.range)) throw new Error("oracle takes from/to ranges");
  const a = instant(q.range.from, tz);
  const b = instant(plusDays(q.range.to, 1), tz);
  const gap = q.sessionGap ? q.sessionGap.value * UNIT_MS[q.sessionGap.unit] : 30 * 60_000;
  const read = eventsOf(log, id).filter(
    (e) => e.time >= a && e.time < b && passes(log, e, q.where) && !(q.hide ?? []).includes(e.event),
  );
  const sessions = sessionsOf(read, gap);
  let names: string[] = [];
  if (q.start === undefined && q.end === undefined) {
    names = (sessions[0] ?? []).map((e) => e.event);
  } else {
    const anchor = (q.start ?? q.end) as NonNullable<PathsQuery["start"]>;
    search: for (const s of sessions) {
      for (let i = 0; i < s.length; i++) {
        if (!matches(log, s[i] as (typeof s)[number], anchor)) continue;
        names = q.start
          ? s.slice(i).map((e) => e.event)
          : s
              .slice(0, i + 1)
              .map((e) => e.event)
              .reverse();
        break search;
      }
    }
  }
  if (q.collapseRepeats) names = names.filter((n, i) => i === 0 || n !== names[i - 1]);
  return names.slice(0, q.depth ?? 5);
}

function order(
  a: { users: number; key: string; step: number },
  b: { users: number; key: string; step: number },
) {
  return a.step - b.step || b.users - a.users || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Every user's path with names outside each step's top `limit` replaced by $other. */
export function oracleLabelledPaths(log: Log, q: PathsQuery, tz: string, members: Set<string> | null) {
  const raw = new Map<string, string[]>();
  for (const u of log.users) {
    if (members && !members.has(u.id)) continue;
    const p = oracleUserPath(log, u.id, q, tz);
    if (p.length > 0) raw.set(u.id, p);
  }
  const depth = q.depth ?? 5;
  const kept: Set<string>[] = [];
  for (let k = 0; k < depth; k++) {
    const users = new Map<string, number>();
    for (const p of raw.values()) {
      const n = p[k];
      if (n !== undefined) users.set(n, (users.get(n) ?? 0) + 1);
    }
    const ranked = [...users.entries()]
      .filter(([n]) => n !== "$other")
      .map(([key, n]) => ({ key, users: n, step: 0 }))
      .sort(order);
    kept.push(new Set(ranked.slice(0, q.limit ?? 10).map((x) => x.key)));
  }
  const out = new Map<string, string[]>();
  for (const [id, p] of raw)
    out.set(
      id,
      p.map((n, k) => (kept[k]?.has(n) ? n : "$other")),
    );
  return out;
}

export function oraclePaths(log: Log, q: PathsQuery, tz: string, members: Set<string> | null): PathsResult {
  const depth = q.depth ?? 5;
  const nodes = new Map<string, { step: number; event: string; users: number }>();
  const links = new Map<string, { step: number; from: string; to: string; users: number }>();
  const drops = new Map<string, { step: number; event: string; users: number }>();
  for (const p of oracleLabelledPaths(log, q, tz, members).values()) {
    p.forEach((event, k) => {
      const nk = JSON.stringify([k, event]);
      nodes.set(nk, { step: k, event, users: (nodes.get(nk)?.users ?? 0) + 1 });
      const next = p[k + 1];
      if (next !== undefined) {
        const lk = JSON.stringify([k, event, next]);
        links.set(lk, { step: k, from: event, to: next, users: (links.get(lk)?.users ?? 0) + 1 });
      }
    });
    if (p.length < depth) {
      const k = p.length - 1;
      const event = p[k] as string;
      const dk = JSON.stringify([k, event]);
      drops.set(dk, { step: k, event, users: (drops.get(dk)?.users ?? 0) + 1 });
    }
  }
  const sortBy = <T extends { step: number; users: number }>(xs: T[], key: (x: T) => string[]) =>
    xs.sort((a, b) => {
      if (a.step !== b.step) return a.step - b.step;
      if (a.users !== b.users) return b.users - a.users;
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) {
        const x = ka[i] as string;
        const y = kb[i] as string;
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
  return {
    direction: q.end ? "backward" : "forward",
    nodes: sortBy([...nodes.values()], (x) => [x.event]),
    links: sortBy([...links.values()], (x) => [x.from, x.to]),
    dropOff: sortBy([...drops.values()], (x) => [x.event]),
  };
}
