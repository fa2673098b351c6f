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
// The sessions come back per user, the gap sessions and then the id sessions, and are tallied through
// the engine's SessionTally, whose answer does not depend on the order they come in (sums of whole
// milliseconds, medians by rank).

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

interface Session {
  start: number;
  end: number;
}

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
  const byUser = new Map<number, Session[]>();
  const of = (u: number) => {
    const sessions = byUser.get(u) ?? [];
    byUser.set(u, sessions);
    return sessions;
  };
  for (const gapSessions of gaps) {
    const userSessions = of(gapSessions.user);
    gapSessions.st.forEach((s, k) => {
      userSessions.push({ start: s[0], end: gapSessions.en[k] ?? outOfBounds() });
    });
  }
  for (const idSession of ids) of(idSession.user).push({ start: idSession.first[0], end: idSession.last });
  const tally = new SessionTally(cal);
  for (const userSessions of byUser.values()) {
    for (const session of userSessions) tally.add(session.start, session.end);
    tally.endUser();
  }
  return tally.result(ids.length);
}
