import type { SegmentFlowQuery, SegmentFlowResult } from "../../../src-preload/contract/paths.ts";
import type { FlowCondition } from "../../../src-preload/contract/segment.ts";
import { addDays } from "../../engine/calendar.ts";
import { flowCell } from "../../engine/segment-flow/condition.ts";
import { flowDates } from "../../engine/segment-flow/dates.ts";
import { NONE, NOT_YET } from "../../engine/segment-flow/run-segment-flow.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import { startOfDate } from "../../time/zoned.ts";
import type { ChClient } from "../http.ts";
import { type ChContext, withQuery } from "./context.ts";
import { segmentSql } from "./segment.ts";
import { segmentAsOf } from "./segment-as-of.ts";

// Segment flow as engine/segment-flow/run-segment-flow.ts: a user's state at day d is "$notYet"
// when their first event is after d, else the first state whose segment they match as of d on the
// events up to the end of d (segment-as-of.ts), else "$none". Each date's state is one expression
// on the users table (segmentSql's IN sets, answered on each user's shard); the flow's own segment
// is judged the same way at the last date. What travels is a count per (date, state, next state).

/** The context as of day d (as engine/segment-flow/as-of.ts): relative ranges end on d. */
function contextAsOf(ctx: ChContext, d: string): ChContext {
  return {
    ...ctx,
    asOf: d,
    settings: { ...ctx.settings, asOf: { mode: "fixed", date: d } },
    segmentStack: [],
  };
}

export interface FlowSql {
  at: string[];
  /** the flow's segment (at the last date) as a condition on the users table */
  members: string;
  /** per date: the user's state (index into the states, then $none, then $notYet) */
  states: string[];
}

/** `ctx` is the flow's own context (its timezone and week start applied). */
export function flowSql(ctx: ChContext, q: SegmentFlowQuery, field: string): FlowSql {
  const at = flowDates(ctx, q.at);
  const last = at[at.length - 1] ?? outOfBounds();
  const S = q.states.length;
  const lctx = contextAsOf(ctx, last);
  const members =
    q.segment === undefined
      ? "1"
      : segmentSql(lctx, segmentAsOf(lctx, q.segment, last, `${field}.segment`), `${field}.segment`);
  const states = at.map((d) => {
    const dctx = contextAsOf(ctx, d);
    const end = startOfDate(addDays(d, 1), ctx.timezone);
    // a user without events is never "not yet": only users with events are in this set
    const parts = [
      `user IN (SELECT user FROM events GROUP BY user HAVING min(time) >= ${end})`,
      String(S + 1),
    ];
    q.states.forEach((s, k) => {
      const f = `${field}.states[${k}].segment`;
      parts.push(segmentSql(dctx, segmentAsOf(dctx, s.segment, d, f), f), String(k));
    });
    return `toUInt8(multiIf(${parts.join(", ")}, ${S}))`;
  });
  return { at, members, states };
}

const LAST = 255;

export async function runSegmentFlowOn(
  ch: ChClient,
  ctx: ChContext,
  query: SegmentFlowQuery,
  signal?: AbortSignal,
): Promise<SegmentFlowResult> {
  const { at, members, states } = flowSql(ctx, query, "query");
  const stateCount = query.states.length + 2;
  // grouped on each shard: one sum per (date, state, next state), keyed i << 16 | x << 8 | y (a
  // sumMap: 18.16 loses the columns of an IN set's subquery, "Unknown identifier: time", when the
  // states are a GROUP BY key or ARRAY JOINed at the level of the Distributed table)
  const [row] = await ch.rows<{ m: [number[], number[]] }>(
    `SELECT sumMap(
       arrayMap((x, i) -> toUInt32(i * 65536 + x * 256 + if(i < length(st), st[i + 1], ${LAST})),
         [${states.join(", ")}] AS st, arrayEnumerate(st)),
       arrayMap(x -> toUInt64(1), st)) AS m
     FROM users FINAL WHERE ${members}`,
    {},
    signal,
  );
  const [keys, sums] = row?.m ?? [[], []];
  const rows = keys.map((key, k) => ({ i: key >> 16, x: (key >> 8) & 255, y: key & 255, n: sums[k] ?? 0 }));
  const counts = at.map(() => new Array<number>(stateCount).fill(0));
  const transitions = at.slice(1).map((to, i) => ({
    from: at[i] ?? outOfBounds(),
    to,
    matrix: Array.from({ length: stateCount }, () => new Array<number>(stateCount).fill(0)),
  }));
  for (const flow of rows) {
    const dateCounts = counts[flow.i - 1] ?? outOfBounds();
    dateCounts[flow.x] = (dateCounts[flow.x] ?? 0) + flow.n;
    if (flow.y !== LAST) {
      const row = transitions[flow.i - 1]?.matrix[flow.x] ?? outOfBounds();
      row[flow.y] = (row[flow.y] ?? 0) + flow.n;
    }
  }
  return { states: [...query.states.map((s) => s.label), NONE, NOT_YET], at, counts, transitions };
}

/**
 * The segment condition of a click on a flow (engine/segment-flow/condition.ts): users in `state`
 * at `at`, and with `next` in that state at the following date; the same errors as the laptop's.
 */
export function flowConditionSql(ctx: ChContext, c: FlowCondition, field: string): string {
  const q = c.segmentFlow;
  const { at, members, states } = flowSql(withQuery(ctx, q), q, `${field}.segmentFlow`);
  const { i, x, y } = flowCell(c, at);
  const parts = [members, `${states[i]} = ${x}`];
  if (y >= 0) parts.push(`${states[i + 1]} = ${y}`);
  return `(${parts.join(" AND ")})`;
}
