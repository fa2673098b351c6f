import type { PropColumn, Timeline } from "../columns/types.ts";

// A timeline holding only the events before an instant: what segment flow evaluates a state's
// segment on, so that "only events up to the end of day d count" holds for every condition (funnel,
// retention, rfm and aggregate scanners included) without teaching each of them an upper bound.
// Users keep their indexes; event positions are renumbered, so property columns are sliced on use.

export class CutTimeline implements Timeline {
  readonly nUsers: number;
  readonly nEvents: number;
  readonly userOffsets: Int32Array;
  readonly eventCodes: Uint16Array;
  readonly times: Float64Array;
  readonly eventNames: readonly string[];
  readonly stamp: string;
  private readonly base: Timeline;
  /** base position of each kept position */
  private readonly kept: Int32Array;
  private readonly props = new Map<string, PropColumn>();
  private seqCache: Int32Array | null = null;

  constructor(base: Timeline, before: number) {
    this.base = base;
    this.nUsers = base.nUsers;
    this.eventNames = base.eventNames;
    this.stamp = `${base.stamp}<${before}`;
    const { userOffsets, times } = base;
    const offsets = new Int32Array(base.nUsers + 1);
    let n = 0;
    for (let u = 0; u < base.nUsers; u++) {
      offsets[u] = n;
      const a = userOffsets[u] as number;
      const b = userOffsets[u + 1] as number;
      let p = a;
      while (p < b && (times[p] as number) < before) p++;
      n += p - a;
    }
    offsets[base.nUsers] = n;
    const kept = new Int32Array(n);
    for (let u = 0, i = 0; u < base.nUsers; u++) {
      const a = userOffsets[u] as number;
      const m = (offsets[u + 1] as number) - (offsets[u] as number);
      for (let k = 0; k < m; k++) kept[i++] = a + k;
    }
    this.kept = kept;
    this.nEvents = n;
    this.userOffsets = offsets;
    this.times = pick(base.times, kept, new Float64Array(n));
    this.eventCodes = pick(base.eventCodes, kept, new Uint16Array(n));
  }

  /** The base itself when the cut keeps every event (the common last date): nothing to copy. */
  static of(base: Timeline, before: number): Timeline {
    const { times, userOffsets } = base;
    for (let u = 0; u < base.nUsers; u++) {
      const b = userOffsets[u + 1] as number;
      if (b > (userOffsets[u] as number) && (times[b - 1] as number) >= before)
        return new CutTimeline(base, before);
    }
    return base;
  }

  get seqs(): Int32Array {
    this.seqCache ??= pick(this.base.seqs, this.kept, new Int32Array(this.nEvents));
    return this.seqCache;
  }
  get userIds(): Int32Array {
    return this.base.userIds;
  }
  get createdAt(): Float64Array {
    return this.base.createdAt;
  }
  eventCode(name: string): number {
    return this.base.eventCode(name);
  }
  propColumn(name: string): PropColumn {
    let c = this.props.get(name);
    if (!c) {
      const b = this.base.propColumn(name);
      const k = this.kept;
      c = {
        tag: pick(b.tag, k, new Uint8Array(k.length)),
        num: pick(b.num, k, new Float64Array(k.length)),
        str: pick(b.str, k, new Int32Array(k.length)),
        dict: b.dict,
      };
      this.props.set(name, c);
    }
    return c;
  }
  userColumn(name: string): PropColumn {
    return this.base.userColumn(name);
  }
  externalIds(userIndexes: readonly number[]): string[] {
    return this.base.externalIds(userIndexes);
  }
  userIndexOf(userId: number): number {
    return this.base.userIndexOf(userId);
  }
}

function pick<T extends { [i: number]: number; length: number }>(src: T, kept: Int32Array, out: T): T {
  for (let i = 0; i < kept.length; i++) out[i] = src[kept[i] as number] as number;
  return out;
}
