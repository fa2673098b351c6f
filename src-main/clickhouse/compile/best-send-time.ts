import type { BestSendTimeQuery, BestSendTimeResult } from "../../../src-preload/contract/predict.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import type { ChClient } from "../http.ts";
import type { ChContext } from "./context.ts";
import { segmentSql } from "./segment.ts";
import { PER_USER, sendTimesSql, totalsOf } from "./send-times.ts";

// bestSendTime as engine/send-time/run-best-send-time.ts: the members by best hour, best weekday
// and both. One pass over the window's events: per (best weekday, best hour) cell the members in it
// and everyone's summed day counts (for the global winners); members without events in the window
// get the global winners (the fallback count is members minus those with events).

export async function runBestSendTimeOn(
  ch: ChClient,
  ctx: ChContext,
  query: BestSendTimeQuery,
  signal?: AbortSignal,
): Promise<BestSendTimeResult> {
  const seg = query.segment === undefined ? "1" : segmentSql(ctx, query.segment);
  const member = seg === "1" ? "1" : `user IN (SELECT user FROM users FINAL WHERE ${seg})`;
  const st = await sendTimesSql(ch, ctx, member, signal);
  const cells = await ch.rows<{ bw: number; bh: number; c: number; th: number[]; tw: number[] }>(
    `SELECT bw, bh, countIf(m = 1) AS c, sumForEach(hc) AS th, sumForEach(wc) AS tw
     FROM (${st.perUser}) GROUP BY bw, bh`,
    PER_USER,
    signal,
  );
  const [all] = await ch.rows<{ n: number }>(`SELECT countIf(${seg}) AS n FROM users FINAL`, {}, signal);
  const { globalHour, globalWeekday } = totalsOf(cells);
  const hours = new Array<number>(24).fill(0);
  const weekdays = new Array<number>(7).fill(0);
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const add = (w: number, h: number, c: number) => {
    hours[h] = (hours[h] ?? outOfBounds()) + c;
    weekdays[w - 1] = (weekdays[w - 1] ?? outOfBounds()) + c;
    const row = grid[w - 1] ?? outOfBounds();
    row[h] = (row[h] ?? outOfBounds()) + c;
  };
  let withEvents = 0;
  for (const cell of cells) {
    if (cell.c === 0) continue;
    add(cell.bw, cell.bh, cell.c);
    withEvents += cell.c;
  }
  const users = all?.n ?? 0;
  const fallback = users - withEvents;
  if (fallback > 0) add(globalWeekday, globalHour, fallback);
  return { users, hours, weekdays, grid, fallback, globalHour, globalWeekday, from: st.from, to: st.to };
}
