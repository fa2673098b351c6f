import type { PathsQuery } from "../../../src-preload/contract/paths.ts";
import type { PathsCondition } from "../../../src-preload/contract/segment.ts";
import { OTHER } from "../../engine/paths/run-paths.ts";
import type { ChClient } from "../http.ts";
import { str, strArray } from "../literal.ts";
import { type ChContext, withQuery } from "./context.ts";
import { keptNames, pathStepRows } from "./paths.ts";
import { DEFAULT_DEPTH, perUserPathsSql } from "./paths-sql.ts";

// The segment behind a click on a paths chart (engine/paths/condition.ts): users whose path has
// `event` at `step` (and `to` at step + 1), by the answer's labels. A label depends on every user
// (the `limit` names with the most users at that step), which one SQL statement cannot compute
// exactly here: on 18.16 a subquery nested in a shard's IN set runs on that shard's users only.
// So the labels are asked first, as the paths query's own step counts, and the condition is then
// written with them: compiling throws NeedPathLabels, the engine answers it and compiles again.

/** Kept names per step of each paths query a condition needs, by labelsKey; one per run. */
export type PathLabels = Map<string, string[][]>;

export class NeedPathLabels extends Error {
  readonly key: string;
  /** the paths query's context (its timezone applied) */
  readonly ctx: ChContext;
  readonly q: PathsQuery;
  readonly field: string;

  constructor(key: string, ctx: ChContext, q: PathsQuery, field: string) {
    super(`${field}: the paths labels are asked for before the condition is compiled`);
    this.key = key;
    this.ctx = ctx;
    this.q = q;
    this.field = field;
  }
}

function labelsKey(ctx: ChContext, q: PathsQuery): string {
  return JSON.stringify([ctx.timezone, ctx.weekStart, ctx.asOf, q]);
}

export function pathsConditionSql(ctx: ChContext, c: PathsCondition, field: string): string {
  const q = c.paths;
  const pctx = withQuery(ctx, q);
  const key = labelsKey(pctx, q);
  const kept = ctx.settings.pathLabels?.get(key);
  if (kept === undefined) throw new NeedPathLabels(key, pctx, q, `${field}.paths`);
  const depth = q.depth ?? DEFAULT_DEPTH;
  // a name that is not a label of its step (or a step past the depth) has no users
  const at = (k: number, name: string): string | null => {
    const names = kept[k];
    if (k >= depth || names === undefined) return null;
    if (name === OTHER) return `NOT has(${strArray(names)}, p[${k + 1}])`;
    return names.includes(name) ? `p[${k + 1}] = ${str(name)}` : null;
  };
  const here = at(c.step, c.event);
  const next = c.to === undefined ? "1" : at(c.step + 1, c.to);
  if (here === null || next === null) return "0";
  const len = c.to === undefined ? c.step + 1 : c.step + 2;
  return `user IN (SELECT user FROM (${perUserPathsSql(pctx, q, `${field}.paths`)}) WHERE length(p) >= ${len} AND ${here} AND ${next})`;
}

/** Asks the cluster for the labels `need` names (and first for those its own query needs). */
export async function answerPathLabels(
  ch: ChClient,
  need: NeedPathLabels,
  labels: PathLabels,
  signal?: AbortSignal,
): Promise<void> {
  if (labels.has(need.key)) throw new Error(`${need.field}: paths labels asked for twice`);
  for (;;) {
    try {
      const rows = await pathStepRows(ch, need.ctx, need.q, need.field, signal);
      labels.set(need.key, keptNames(rows, need.q.depth ?? DEFAULT_DEPTH, need.q.limit ?? 10));
      return;
    } catch (e) {
      if (!(e instanceof NeedPathLabels)) throw e;
      await answerPathLabels(ch, e, labels, signal);
    }
  }
}
