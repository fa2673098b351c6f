import type { MessageEngagementQuery } from "../../../src-preload/contract/metric-queries.ts";
import type {
  MessageEngagementResult,
  MessageRow,
  Value,
} from "../../../src-preload/contract/metric-results.ts";
import { durationMs } from "../calendar.ts";
import { columnValue, type PropColumn } from "../columns/types.ts";
import { grown } from "../grown.ts";
import { outOfBounds } from "../typed-index.ts";
import { Calendar, resolveRange } from "./calendar.ts";
import { checkAbort, type MetricContext, queryUsers, rate } from "./context.ts";
import { rankGroups, valueKey } from "./groups.ts";

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
  /** the group's index in the order groups are first met (-1 for the user's whole funnel) */
  group: number;
}

const SENT = 1;
const DELIVERED = 2;
const OPENED = 4;
const CLICKED = 8;
const CONVERTED = 16;
/** flags take 5 bits: a (group, flags) pair is stored as group * FLAG_SPAN + flags */
const FLAG_SPAN = 32;

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
  // Each user's (group, flags) pairs, so that the "other" row can count distinct users over the
  // groups it merges, which are known only once every group is counted: per user, the number of
  // pairs then the pairs.
  const pairs = new PairLog();
  const groupIds = new Map<Counts, number>();
  for (let user = 0; user < tl.nUsers; user++) {
    checkAbort(ctx, user);
    if (members && !members[user]) continue;
    states.clear();
    const all: UserState = { flags: 0, firstOpen: Number.NaN, group: -1 };
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
        let counts = groups.get(key);
        if (!counts) {
          counts = emptyCounts(value);
          groups.set(key, counts);
          groupIds.set(counts, groupIds.size);
        }
        groupState = { flags: 0, firstOpen: Number.NaN, group: groupIds.get(counts) ?? outOfBounds() };
        states.set(key, groupState);
      }
      if (flag === SENT) (groups.get(key) as Counts).messages++;
      for (const st of [groupState, all]) {
        if (flag === OPENED && !(st.flags & OPENED)) st.firstOpen = time;
        st.flags |= flag;
      }
    }
    if (all.flags === 0) continue;
    tally(total, all.flags, isDelivered !== null);
    // without `by` there is one group and never an "other" row: no log to keep
    if (col) pairs.user(states.size);
    for (const [key, groupState] of states) {
      tally(groups.get(key) as Counts, groupState.flags, isDelivered !== null);
      if (col) pairs.pair(groupState.group, groupState.flags);
    }
  }
  const ranked = rankGroups([...groups.values()], query.limit ?? 20);
  const rows = ranked.kept;
  if (ranked.rest.length > 0) {
    const merged = new Uint8Array(groupIds.size);
    for (const group of ranked.rest) merged[groupIds.get(group) ?? outOfBounds()] = 1;
    rows.push(otherCounts(ranked.rest, pairs, merged, isDelivered !== null));
  }
  const withConversion = isConversion !== null;
  return {
    total: toRow(total, withConversion),
    rows: query.by ? rows.map((g) => toRow(g, withConversion)) : [],
  };
}

/**
 * The merged row of `rest`: `messages` (send events) summed, users distinct. A user counts in it with
 * the OR of their flags over the merged groups, so at each stage when they count there in any of
 * them (converted: within the window after that group's first open, as its own row says).
 */
function otherCounts(rest: Counts[], pairs: PairLog, merged: Uint8Array, hasDelivered: boolean): Counts {
  const other = emptyCounts(null);
  other.other = true;
  for (const g of rest) other.messages += g.messages;
  const log = pairs.log;
  for (let at = 0; at < pairs.length; ) {
    const end = at + 1 + (log[at] ?? outOfBounds());
    let flags = 0;
    for (at++; at < end; at++) {
      const packed = log[at] ?? outOfBounds();
      if (merged[Math.floor(packed / FLAG_SPAN)]) flags |= packed % FLAG_SPAN;
    }
    // every group state has a flag, so 0 means none of the user's groups is merged
    if (flags !== 0) tally(other, flags, hasDelivered);
  }
  return other;
}

/** A growing Int32Array of each user's pair count then their (group, flags) pairs. */
class PairLog {
  log = new Int32Array(1024);
  length = 0;

  user(pairCount: number): void {
    this.push(pairCount);
  }

  pair(group: number, flags: number): void {
    // past 2^26 groups the packed pair would not fit an Int32: refused rather than counted wrong
    if (group >= 2 ** 31 / FLAG_SPAN) throw new Error("messageEngagement: too many distinct `by` values");
    this.push(group * FLAG_SPAN + flags);
  }

  private push(x: number): void {
    if (this.length === this.log.length)
      this.log = grown((n) => new Int32Array(n), this.log, this.length * 2);
    this.log[this.length++] = x;
  }
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
