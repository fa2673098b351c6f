import type { SessionsQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { SessionsResult } from "../../../src-preload/contract/metric-results.ts";
import { durationMs } from "../../engine/calendar.ts";
import { Calendar, resolveRange } from "../../engine/metrics/calendar.ts";
import { DEFAULT_GAP, DEFAULT_SESSION_PROPERTY } from "../../engine/metrics/session-defaults.ts";
import { SessionTally } from "../../engine/metrics/session-tally.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import type { ChClient } from "../http.ts";
import { noteProperty } from "../known-properties.ts";
import { str } from "../literal.ts";
import type { ChContext } from "./context.ts";
import { activitySql } from "./filters.ts";
import { PER_USER } from "./per-user.ts";
import { membersSql } from "./segment.ts";

// Sessions as engine/metrics/sessions.ts, cut on each user's shard: events carrying the session
// property make one session per value (first to last event with it; booleans and numbers share
// keys as the engine's `n${num}` does); the others are cut by the gap rule over their sorted times.
// The sessions come back per user with the instant (time, seq) at which each was cut (an id session
// at its first event, a gap session when the next gap session starts), and are tallied in that
// order through the engine's SessionTally. Its answer does not depend on the order (sums of whole
// milliseconds, medians by rank): the engine itself tallies a user's id sessions after the others.

const ANY = { event: null };

type At = [number, number];

interface GapRow {
  user: number;
  /** (time, seq) of each gap session's first event, and each one's last time */
  st: At[];
  en: number[];
}

interface IdRow {
  user: number;
  first: At;
  last: number;
}

interface Cut {
  at: At | null;
  start: number;
  end: number;
}

const before = (a: At | null, b: At | null): number =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : a[0] - b[0] || a[1] - b[1];

export async function runSessionsOn(
  ch: ChClient,
  ctx: ChContext,
  query: SessionsQuery,
  signal?: AbortSignal,
): Promise<SessionsResult> {
  const range = resolveRange(query.range, ctx.asOf);
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  const gap = durationMs(query.gap ?? DEFAULT_GAP);
  // the default property is read where events carry it; with none, no event carries it here either
  const prop = query.sessionProperty === undefined ? DEFAULT_SESSION_PROPERTY : query.sessionProperty;
  if (prop !== null) noteProperty("event", prop);
  const i = prop === null ? null : `indexOf(p_keys, ${str(prop)})`;
  const tag = i === null ? "toUInt8(0)" : `p_types[${i}]`;
  const cond = `time >= ${cal.startMs} AND time < ${cal.endMs}
    AND ${activitySql(ctx, ANY, query.where, "where")} AND ${membersSql(ctx, query.segment)}`;
  const gaps = await ch.rows<GapRow>(
    `SELECT user, arraySort(groupArrayIf((time, seq), ${tag} = 0)) AS ev,
       arrayMap(x -> x.1, ev) AS ts,
       arrayMap((t, p, k) -> toUInt8(k = 1 OR t - p > ${gap}), ts, arrayPushFront(arrayPopBack(ts), toInt64(0)), arrayEnumerate(ts)) AS brk,
       arrayFilter((x, b) -> b = 1, ev, brk) AS st,
       arrayFilter((t, b) -> b = 1, ts, arrayPushBack(arrayPopFront(brk), toUInt8(1))) AS en
     FROM events WHERE ${cond}
     GROUP BY user HAVING length(ev) > 0`,
    PER_USER,
    signal,
  );
  const ids =
    i === null
      ? []
      : await ch.rows<IdRow>(
          `SELECT user, min((time, seq)) AS first, max(time) AS last FROM events
           WHERE ${cond} AND ${tag} != 0
           GROUP BY user, ${tag} = 2, if(${tag} = 2, p_str[${i}], ''), if(${tag} = 2, 0., p_num[${i}] + 0.)`,
          PER_USER,
          signal,
        );
  const cuts = new Map<number, Cut[]>();
  const of = (u: number) => {
    const c = cuts.get(u) ?? [];
    cuts.set(u, c);
    return c;
  };
  for (const gapSessions of gaps) {
    const userCuts = of(gapSessions.user);
    gapSessions.st.forEach((s, k) => {
      userCuts.push({
        at: gapSessions.st[k + 1] ?? null,
        start: s[0],
        end: gapSessions.en[k] ?? outOfBounds(),
      });
    });
  }
  for (const idSession of ids)
    of(idSession.user).push({ at: idSession.first, start: idSession.first[0], end: idSession.last });
  const tally = new SessionTally(cal);
  for (const user of [...cuts.keys()].sort((a, b) => a - b)) {
    const sortedCuts = (cuts.get(user) as Cut[]).sort((a, b) => before(a.at, b.at));
    tally.addUser(
      sortedCuts.map((x) => x.start),
      sortedCuts.map((x) => x.end),
    );
  }
  return tally.result(ids.length);
}
