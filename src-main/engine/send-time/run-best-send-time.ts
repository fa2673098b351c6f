import type { BestSendTimeQuery, BestSendTimeResult } from "../../../src-preload/contract/predict.ts";
import type { EngineContext } from "../context.ts";
import { outOfBounds } from "../typed-index.ts";
import { sendTimes } from "./compute.ts";

/** Users (of the segment, or all) by best hour, best weekday and both: the heatmap of a segment. */
export function runBestSendTime(
  ctx: EngineContext,
  _q: BestSendTimeQuery,
  members: Uint8Array | null,
): BestSendTimeResult {
  const st = sendTimes(ctx);
  const hours = new Array<number>(24).fill(0);
  const weekdays = new Array<number>(7).fill(0);
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let users = 0;
  let fallback = 0;
  for (let user = 0; user < ctx.tl.nUsers; user++) {
    if (members !== null && members[user] === 0) continue;
    const hour = st.hour[user] ?? outOfBounds();
    const weekdayIndex = (st.weekday[user] ?? outOfBounds()) - 1;
    users++;
    fallback += st.fallback[user] ?? outOfBounds();
    hours[hour] = (hours[hour] ?? outOfBounds()) + 1;
    weekdays[weekdayIndex] = (weekdays[weekdayIndex] ?? outOfBounds()) + 1;
    const row = grid[weekdayIndex] ?? outOfBounds();
    row[hour] = (row[hour] ?? outOfBounds()) + 1;
  }
  return {
    users,
    hours,
    weekdays,
    grid,
    fallback,
    globalHour: st.globalHour,
    globalWeekday: st.globalWeekday,
    from: st.from,
    to: st.to,
  };
}
