import type { TrendsFn, TrendsQuery } from "../../../src-preload/contract/trends.ts";
import { bucketIndex } from "../calendar.ts";
import { TAG_NUMBER } from "../columns/types.ts";
import { checkAbort, type EngineContext } from "../context.ts";
import { ANY_EVENT, bareCode, compileMatcher, type EventPredicate, NEEDS_TEST } from "../filters.ts";
import { userColumnIn } from "../send-time/columns.ts";
import { outOfBounds } from "../typed-index.ts";
import { type Cells, newCells } from "./cells.ts";
import type { ValueIds } from "./values.ts";

// One forward pass over the users' events in the range: for every series and breakdown value,
// counts, distinct users and property values per bucket.

/**
 * The (user, value, bucket) triples of first hits, so "$other" can count distinct users. They start
 * with room for one per user of the slice, as a users series over a range of days has several a
 * user: grown from 1024 by doubling, the copies took 38 ms of the bench's 160 ms trends query at 10M
 * events (pages of fresh memory written on a slow VM); pages never written cost nothing.
 */
export class Hits {
  user: Int32Array;
  value: Int32Array;
  bucket: Int32Array;
  n = 0;
  constructor(capacity: number) {
    const room = Math.max(1024, capacity);
    this.user = new Int32Array(room);
    this.value = new Int32Array(room);
    this.bucket = new Int32Array(room);
  }
  push(u: number, v: number, b: number): void {
    if (this.n === this.user.length) {
      const grow = (a: Int32Array) => {
        const x = new Int32Array(a.length * 2);
        x.set(a);
        return x;
      };
      this.user = grow(this.user);
      this.value = grow(this.value);
      this.bucket = grow(this.bucket);
    }
    this.user[this.n] = u;
    this.value[this.n] = v;
    this.bucket[this.n] = b;
    this.n++;
  }
}

export interface SeriesScan {
  fn: TrendsFn | null;
  /** by value id (sparse) */
  cells: (Cells | undefined)[];
  hits: Hits | null;
}

interface Plan {
  code: number;
  test: EventPredicate | null;
  fn: TrendsFn | null;
  prop: { tag: Uint8Array; num: Float64Array } | null;
  users: boolean;
  out: SeriesScan;
}

function lowerBound(times: Float64Array, t: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? outOfBounds()) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function scanTrends(
  ctx: EngineContext,
  query: TrendsQuery,
  members: Uint8Array | null,
  bounds: Float64Array,
  span: [number, number],
  ids: ValueIds,
): SeriesScan[] {
  const { tl } = ctx;
  const nBuckets = bounds.length - 1;
  const bd = query.breakdown;
  const userScope = bd?.scope === "user";
  const keyOf = bd
    ? ids.keyer(userScope ? userColumnIn(ctx, bd.property) : tl.propColumn(bd.property))
    : null;
  const plans: Plan[] = query.series.map((s) => {
    const cm = compileMatcher(ctx, s.event, query.where);
    const m = s.measure ?? "events";
    const fn = typeof m === "object" ? m.fn : null;
    const users = m === "users" || m === "eventsPerUser";
    const col = typeof m === "object" ? tl.propColumn(m.property) : null;
    const bc = bareCode(cm);
    return {
      code: bc === NEEDS_TEST ? NEEDS_TEST : bc === ANY_EVENT ? ANY_EVENT : bc,
      test: bc === NEEDS_TEST ? (cm.code === -1 ? cm.test : withCode(tl.eventCodes, cm.code, cm.test)) : null,
      fn,
      prop: col ? { tag: col.tag, num: col.num } : null,
      users,
      out: { fn, cells: [], hits: bd && users ? new Hits(ctx.u1 - ctx.u0) : null },
    };
  });
  const { times, userOffsets, eventCodes } = tl;
  const [t0, t1] = span;
  const noneCells = (p: Plan, v: number): Cells => {
    let c = p.out.cells[v];
    if (c === undefined) {
      c = newCells(nBuckets, p.fn);
      p.out.cells[v] = c;
    }
    return c;
  };
  for (let user = ctx.u0; user < ctx.u1; user++) {
    checkAbort(ctx, user);
    if (members !== null && members[user] === 0) continue;
    const end = userOffsets[user + 1] ?? outOfBounds();
    let pos = lowerBound(times, t0, userOffsets[user] ?? outOfBounds(), end);
    if (pos >= end || (times[pos] ?? outOfBounds()) >= t1) continue;
    let bucket = bucketIndex(bounds, times[pos] ?? outOfBounds());
    let next = bounds[bucket + 1] ?? outOfBounds();
    const userValueId = keyOf !== null && userScope ? keyOf(user) : 0;
    for (; pos < end; pos++) {
      const time = times[pos] ?? outOfBounds();
      if (time >= t1) break;
      while (time >= next) next = bounds[++bucket + 1] ?? outOfBounds();
      const code = eventCodes[pos] ?? outOfBounds();
      for (const pl of plans) {
        if (
          pl.code >= 0 ? code !== pl.code : pl.code === NEEDS_TEST && !(pl.test as EventPredicate)(pos, user)
        )
          continue;
        const valueId = keyOf === null ? 0 : userScope ? userValueId : keyOf(pos);
        const cells = pl.out.cells[valueId] ?? noneCells(pl, valueId);
        cells.events[bucket] = (cells.events[bucket] ?? outOfBounds()) + 1;
        if (pl.users && cells.lastUser[bucket] !== user) {
          cells.lastUser[bucket] = user;
          cells.users[bucket] = (cells.users[bucket] ?? outOfBounds()) + 1;
          if (cells.lastTotalUser !== user) {
            cells.lastTotalUser = user;
            cells.totalUsers++;
            cells.newUsers[bucket] = (cells.newUsers[bucket] ?? outOfBounds()) + 1;
          }
          pl.out.hits?.push(user, valueId, bucket);
        }
        const prop = pl.prop;
        if (prop !== null && prop.tag[pos] === TAG_NUMBER) {
          const propValue = prop.num[pos] ?? outOfBounds();
          cells.sum[bucket] = (cells.sum[bucket] ?? outOfBounds()) + propValue;
          cells.count[bucket] = (cells.count[bucket] ?? outOfBounds()) + 1;
          if (propValue < (cells.min[bucket] ?? outOfBounds())) cells.min[bucket] = propValue;
          if (propValue > (cells.max[bucket] ?? outOfBounds())) cells.max[bucket] = propValue;
          if (cells.vals !== null) (cells.vals[bucket] ?? outOfBounds()).push(propValue);
        }
      }
    }
  }
  return plans.map((p) => p.out);
}

function withCode(codes: Uint16Array, code: number, test: EventPredicate | null): EventPredicate {
  if (test === null) return (pos) => codes[pos] === code;
  return (pos, user) => codes[pos] === code && test(pos, user);
}
