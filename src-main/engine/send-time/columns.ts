import { type PropColumn, TAG_NUMBER } from "../columns/types.ts";
import type { EngineContext } from "../context.ts";
import { sendTimes } from "./compute.ts";

// `$bestSendHour` and `$bestSendWeekday` as user attribute columns: wherever the engine reads a user
// attribute by name (segment attribute conditions, user breakdowns, member rows), these two names
// are computed on demand instead of read from the import.

export const SEND_TIME_ATTRIBUTES = ["$bestSendHour", "$bestSendWeekday"] as const;

export function isSendTimeAttribute(name: string): name is (typeof SEND_TIME_ATTRIBUTES)[number] {
  return name === "$bestSendHour" || name === "$bestSendWeekday";
}

/** A user attribute column, the two computed ones included. */
export function userColumnIn(ctx: EngineContext, name: string): PropColumn {
  if (!isSendTimeAttribute(name)) return ctx.tl.userColumn(name);
  const st = sendTimes(ctx);
  const values = name === "$bestSendHour" ? st.hour : st.weekday;
  return {
    tag: new Uint8Array(values.length).fill(TAG_NUMBER),
    num: Float64Array.from(values),
    str: new Int32Array(values.length),
    dict: [],
  };
}
