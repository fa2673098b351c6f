import type { PathsQuery, PathsResult } from "../../../src-preload/contract/paths.ts";
import { byName, OTHER, ranked } from "../../engine/paths/run-paths.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import type { ChClient } from "../http.ts";
import type { ChContext } from "./context.ts";
import { DEFAULT_DEPTH, perUserPathsSql } from "./paths-sql.ts";
import { PER_USER } from "./per-user.ts";

// Paths as engine/paths/run-paths.ts: the per-user paths are made on each user's shard
// (paths-sql.ts); what travels is the number of users per (step, event, next event or none), a few
// rows per step. The labels of each step (the `limit` names with the most users, the rest "$other")
// and the ranked nodes, links and drop-offs are made here, with the local engine's own ordering.

/** Users whose path has `a` at step k and `b` at step k + 1 (`nx` 0: the path ends at k). */
export interface StepRow {
  k: number;
  a: string;
  b: string;
  nx: number;
  users: number;
}

export async function pathStepRows(
  ch: ChClient,
  ctx: ChContext,
  q: PathsQuery,
  field: string,
  signal?: AbortSignal,
): Promise<StepRow[]> {
  const sql = `SELECT k, a, b, nx, count() AS users
    FROM (SELECT p FROM (${perUserPathsSql(ctx, q, field)}))
    ARRAY JOIN p AS a, arrayEnumerate(p) AS j, arrayPushBack(arrayPopFront(p), '') AS b
    GROUP BY toUInt32(j - 1) AS k, a, b, toUInt8(j < length(p)) AS nx`;
  return ch.rows<StepRow>(sql, PER_USER, signal);
}

/** Each step's kept names, in rank order (as engine/paths/run-paths.ts stepLabels). */
export function keptNames(rows: readonly StepRow[], depth: number, limit: number): string[][] {
  const users = Array.from({ length: depth }, () => new Map<string, number>());
  for (const r of rows) {
    const m = users[r.k] ?? outOfBounds();
    m.set(r.a, (m.get(r.a) ?? 0) + r.users);
  }
  return users.map((m) =>
    [...m.entries()]
      .filter(([name, n]) => n > 0 && name !== OTHER)
      .sort((x, y) => y[1] - x[1] || byName(x[0], y[0]))
      .slice(0, limit)
      .map(([name]) => name),
  );
}

type Tally<T> = Map<string, T & { users: number }>;

/** Adds n users to the entry of `row`, keyed by its step and names. */
function add<T extends { step: number }>(m: Tally<T>, row: T, n: number): void {
  const key = JSON.stringify(row);
  const e = m.get(key);
  if (e) e.users += n;
  else m.set(key, { ...row, users: n });
}

export async function runPathsOn(
  ch: ChClient,
  ctx: ChContext,
  query: PathsQuery,
  signal?: AbortSignal,
): Promise<PathsResult> {
  const depth = query.depth ?? DEFAULT_DEPTH;
  const rows = await pathStepRows(ch, ctx, query, "query", signal);
  const kept = keptNames(rows, depth, query.limit ?? 10).map((names) => new Set(names));
  const label = (k: number, name: string) => (kept[k]?.has(name) ? name : OTHER);
  const nodes: Tally<{ step: number; event: string }> = new Map();
  const drops: Tally<{ step: number; event: string }> = new Map();
  const links: Tally<{ step: number; from: string; to: string }> = new Map();
  for (const stepRow of rows) {
    const event = label(stepRow.k, stepRow.a);
    add(nodes, { step: stepRow.k, event }, stepRow.users);
    if (stepRow.nx === 1)
      add(links, { step: stepRow.k, from: event, to: label(stepRow.k + 1, stepRow.b) }, stepRow.users);
    else if (stepRow.k + 1 < depth) add(drops, { step: stepRow.k, event }, stepRow.users);
  }
  return {
    direction: query.end !== undefined ? "backward" : "forward",
    nodes: ranked([...nodes.values()], (x) => x.event),
    links: ranked([...links.values()], (x) => `${x.from}\u0000${x.to}`),
    dropOff: ranked([...drops.values()], (x) => x.event),
  };
}
