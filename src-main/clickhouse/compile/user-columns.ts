import type { UserColumnsQuery, UserColumnsResult } from "../../../src-preload/contract/predict.ts";
import type { ChClient } from "../http.ts";
import type { ChContext } from "./context.ts";
import { refuse } from "./refuse.ts";
import { segmentSql } from "./segment.ts";
import { PER_USER, sendTimesSql, totalsOf } from "./send-times.ts";

// userColumns as engine/propensity/user-columns.ts for the send-time columns: the members in
// users.id order with their best hour or weekday (the global winners when they had no event in the
// window). It is a per-member list by nature (for exports), so one row per member comes back.
// `$propensityScore` is refused: it needs the model trained on this laptop.

export async function runUserColumnsOn(
  ch: ChClient,
  ctx: ChContext,
  query: UserColumnsQuery,
  signal?: AbortSignal,
): Promise<UserColumnsResult> {
  query.columns.forEach((c, i) => {
    if (c === "$propensityScore")
      refuse(`columns[${i}]`, "$propensityScore needs the model trained on this laptop");
  });
  const seg = segmentSql(ctx, query.segment);
  const st = await sendTimesSql(ch, ctx, `user IN (SELECT user FROM users FINAL WHERE ${seg})`, signal);
  const totals = await ch.rows<{ th: number[]; tw: number[] }>(
    `SELECT sumForEach(hc) AS th, sumForEach(wc) AS tw FROM (${st.perUser})`,
    PER_USER,
    signal,
  );
  const { globalHour, globalWeekday } = totalsOf(totals);
  const best = new Map<number, { bh: number; bw: number }>();
  for (const userBest of await ch.rows<{ user: number; bh: number; bw: number }>(
    `SELECT user, bh, bw FROM (${st.perUser}) WHERE m = 1`,
    PER_USER,
    signal,
  ))
    best.set(userBest.user, userBest);
  const members = await ch.rows<{ user: number }>(
    `SELECT user FROM users FINAL WHERE ${seg} ORDER BY user`,
    {},
    signal,
  );
  const userIds = members.map((m) => m.user);
  const values = query.columns.map((c) =>
    userIds.map((u) => {
      const b = best.get(u);
      return c === "$bestSendHour" ? (b?.bh ?? globalHour) : (b?.bw ?? globalWeekday);
    }),
  );
  return { userIds, values };
}
