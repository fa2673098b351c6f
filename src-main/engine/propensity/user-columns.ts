import type { UserColumnsQuery, UserColumnsResult } from "../../../src-preload/contract/predict.ts";
import type { EngineContext } from "../context.ts";
import { sendTimes } from "../send-time/compute.ts";
import { outOfBounds } from "../typed-index.ts";
import { propensityScores } from "./run-propensity.ts";

/** The computed columns of the members, in users.id order (the order exports read members in). */
export async function runUserColumns(
  ctx: EngineContext,
  q: UserColumnsQuery,
  members: Uint8Array,
): Promise<UserColumnsResult> {
  const { tl } = ctx;
  const users: number[] = [];
  for (let u = 0; u < tl.nUsers; u++) if (members[u] === 1) users.push(u);
  const values: (number | null)[][] = [];
  for (const c of q.columns) {
    if (c === "$propensityScore") {
      const s = await propensityScores(ctx, q.propensity ?? missing());
      values.push(users.map((u) => (Number.isNaN(s[u] ?? outOfBounds()) ? null : (s[u] ?? outOfBounds()))));
    } else {
      const st = sendTimes(ctx);
      const col = c === "$bestSendHour" ? st.hour : st.weekday;
      values.push(users.map((u) => col[u] ?? outOfBounds()));
    }
  }
  return { userIds: users.map((u) => tl.userIds[u] ?? outOfBounds()), values };
}

function missing(): never {
  throw new Error("userColumns: $propensityScore without a propensity query (the schema refuses it)");
}
