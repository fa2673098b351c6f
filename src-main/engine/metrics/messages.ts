import type { MessageEngagementQuery } from "../../../src-preload/contract/metric-queries.ts";
import type {
  MessageEngagementResult,
  MessageRow,
  Value,
} from "../../../src-preload/contract/metric-results.ts";
import { durationMs } from "../calendar.ts";
import { columnValue, type PropColumn } from "../columns/types.ts";
import { outOfBounds } from "../typed-index.ts";
import { Calendar, resolveRange } from "./calendar.ts";
import { checkAbort, type MetricContext, queryUsers, rate } from "./context.ts";
import { topGroups, valueKey } from "./groups.ts";

export const DEFAULT_CONVERSION_WINDOW = { value: 1, unit: "day" } as const;

export interface Counts {
  value: Value;
  other?: boolean;
  users: number;
  messages: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  converted: number;
}

/** One user's funnel in one group: bits 1 sent, 2 delivered, 4 opened, 8 clicked, 16 converted. */
interface UserState {
  flags: number;
  firstOpen: number;
}

const SENT = 1;
const DELIVERED = 2;
const OPENED = 4;
const CLICKED = 8;
const CONVERTED = 16;

/**
 * Message funnel per campaign or channel (the `by` property, read on each message event): users who
 * were sent, delivered, opened and clicked, the rates between them, and users who did the conversion
 * event within the window after their first open. Only events inside the range count.
 */
export async function messageEngagement(
  query: MessageEngagementQuery,
  ctx: MetricContext,
): Promise<MessageEngagementResult> {
  const tl = ctx.timeline;
  const range = resolveRange(query.range, ctx.asOf);
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  const col: PropColumn | null = query.by ? tl.propColumn(query.by) : null;
  const isSend = ctx.eventPredicate(query.send, query.where);
  const isDelivered = query.delivered ? ctx.eventPredicate(query.delivered, query.where) : null;
  const isOpen = ctx.eventPredicate(query.open, query.where);
  const isClick = ctx.eventPredicate(query.click, query.where);
  const isConversion = query.conversion ? ctx.eventPredicate(query.conversion, query.where) : null;
  const windowMs = durationMs(query.conversionWindow ?? DEFAULT_CONVERSION_WINDOW);
  const members = await queryUsers(ctx, query.segment);
  const groups = new Map<string, Counts>();
  const total = emptyCounts(null);
  const states = new Map<string, UserState>();
  for (let user = 0; user < tl.nUsers; user++) {
    checkAbort(ctx, user);
    if (members && !members[user]) continue;
    states.clear();
    const all: UserState = { flags: 0, firstOpen: Number.NaN };
    const end = tl.userOffsets[user + 1] ?? outOfBounds();
    for (let pos = tl.userOffsets[user] ?? outOfBounds(); pos < end; pos++) {
      const time = tl.times[pos] ?? outOfBounds();
      if (time < cal.startMs) continue;
      if (time >= cal.endMs) break;
      if (isConversion?.(pos, user)) {
        for (const state of [all, ...states.values()]) {
          if (state.flags & OPENED && time - state.firstOpen <= windowMs) state.flags |= CONVERTED;
        }
      }
      let flag = 0;
      if (isSend(pos, user)) flag = SENT;
      else if (isDelivered?.(pos, user)) flag = DELIVERED;
      else if (isOpen(pos, user)) flag = OPENED;
      else if (isClick(pos, user)) flag = CLICKED;
      else continue;
      if (flag === SENT) total.messages++;
      const value = col ? columnValue(col, pos) : null;
      const key = valueKey(value);
      let groupState = states.get(key);
      if (!groupState) {
        groupState = { flags: 0, firstOpen: Number.NaN };
        states.set(key, groupState);
        if (!groups.has(key)) groups.set(key, emptyCounts(value));
      }
      if (flag === SENT) (groups.get(key) as Counts).messages++;
      for (const st of [groupState, all]) {
        if (flag === OPENED && !(st.flags & OPENED)) st.firstOpen = time;
        st.flags |= flag;
      }
    }
    if (all.flags === 0) continue;
    tally(total, all.flags, isDelivered !== null);
    for (const [key, groupState] of states)
      tally(groups.get(key) as Counts, groupState.flags, isDelivered !== null);
  }
  const rows = topGroups([...groups.values()], query.limit ?? 20, (into, g) => {
    for (const k of ["users", "messages", "sent", "delivered", "opened", "clicked", "converted"] as const)
      into[k] += g[k];
  });
  const withConversion = isConversion !== null;
  return {
    total: toRow(total, withConversion),
    rows: query.by ? rows.map((g) => toRow(g, withConversion)) : [],
  };
}

export function emptyCounts(value: Value): Counts {
  return { value, users: 0, messages: 0, sent: 0, delivered: 0, opened: 0, clicked: 0, converted: 0 };
}

function tally(c: Counts, flags: number, hasDelivered: boolean): void {
  c.users++;
  if (flags & SENT) c.sent++;
  // without a delivered event every sent message counts as delivered
  if (hasDelivered ? flags & DELIVERED : flags & SENT) c.delivered++;
  if (flags & OPENED) c.opened++;
  if (flags & CLICKED) c.clicked++;
  if (flags & CONVERTED) c.converted++;
}

export function toRow(c: Counts, withConversion: boolean): MessageRow {
  return {
    value: c.value,
    ...(c.other ? { other: true } : {}),
    messages: c.messages,
    sent: c.sent,
    delivered: c.delivered,
    opened: c.opened,
    clicked: c.clicked,
    openRate: rate(c.opened, c.delivered),
    clickRate: rate(c.clicked, c.delivered),
    clickToOpen: rate(c.clicked, c.opened),
    converted: withConversion ? c.converted : null,
    conversionRate: withConversion ? rate(c.converted, c.opened) : null,
  };
}
