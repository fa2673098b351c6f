import { sparseOf } from "../columns/sparse-prop.ts";
import type { PropColumn, SparseProp, Timeline } from "../columns/types.ts";
import { outOfBounds } from "../typed-index.ts";

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
  /** where each user's kept events end in the base */
  private readonly ends: Int32Array;
  private keptCache: Int32Array | null = null;
  private readonly props = new Map<string, PropColumn>();
  private readonly values = new Map<string, SparseProp>();
  private seqCache: Int32Array | null = null;

  /** `only`: users without a 1 there keep no events (their answers are not asked for) */
  constructor(
    base: Timeline,
    before: number,
    scratch: CutScratch | null = null,
    only: Uint8Array | null = null,
  ) {
    this.base = base;
    this.nUsers = base.nUsers;
    this.eventNames = base.eventNames;
    this.stamp = `${base.stamp}<${before}`;
    const { userOffsets, times } = base;
    const offsets = new Int32Array(base.nUsers + 1);
    // each user's kept events are a prefix of theirs (times ascend within a user): binary search
    const ends = new Int32Array(base.nUsers);
    let nKept = 0;
    for (let user = 0; user < base.nUsers; user++) {
      offsets[user] = nKept;
      const userStart = userOffsets[user] ?? outOfBounds();
      let lo = userStart;
      let hi = only !== null && only[user] === 0 ? userStart : (userOffsets[user + 1] ?? outOfBounds());
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((times[mid] ?? outOfBounds()) < before) lo = mid + 1;
        else hi = mid;
      }
      ends[user] = lo;
      nKept += lo - userStart;
    }
    offsets[base.nUsers] = nKept;
    this.ends = ends;
    this.nEvents = nKept;
    this.userOffsets = offsets;
    // one fused pass over the kept prefixes: no index array, no gather
    const keptTimes = scratch ? scratch.times.subarray(0, nKept) : new Float64Array(nKept);
    const keptCodes = scratch ? scratch.codes.subarray(0, nKept) : new Uint16Array(nKept);
    const codes = base.eventCodes;
    for (let user = 0, i = 0; user < base.nUsers; user++) {
      const keptEnd = ends[user] ?? outOfBounds();
      for (let pos = userOffsets[user] ?? outOfBounds(); pos < keptEnd; pos++, i++) {
        keptTimes[i] = times[pos] ?? outOfBounds();
        keptCodes[i] = codes[pos] ?? outOfBounds();
      }
    }
    this.times = keptTimes;
    this.eventCodes = keptCodes;
  }

  /** base position of each kept position (built for the first property column or seqs) */
  private get kept(): Int32Array {
    if (this.keptCache) return this.keptCache;
    const kept = new Int32Array(this.nEvents);
    const { userOffsets } = this.base;
    for (let u = 0, i = 0; u < this.nUsers; u++) {
      const e = this.ends[u] ?? outOfBounds();
      for (let p = userOffsets[u] ?? outOfBounds(); p < e; p++) kept[i++] = p;
    }
    this.keptCache = kept;
    return kept;
  }

  /** The base itself when the cut keeps every event (the common last date): nothing to copy. */
  static of(base: Timeline, before: number, scratch: CutScratch | null = null): Timeline {
    const { times, userOffsets } = base;
    for (let u = 0; u < base.nUsers; u++) {
      const b = userOffsets[u + 1] ?? outOfBounds();
      if (b > (userOffsets[u] ?? outOfBounds()) && (times[b - 1] ?? outOfBounds()) >= before)
        return new CutTimeline(base, before, scratch);
    }
    return base;
  }

  get seqs(): Int32Array {
    this.seqCache ??= pickI32(this.base.seqs, this.kept);
    return this.seqCache;
  }
  get userIds(): Int32Array {
    return this.base.userIds;
  }
  get createdAt(): Float64Array {
    return this.base.createdAt;
  }
  hasProperty(scope: "event" | "user", name: string): boolean {
    return this.base.hasProperty(scope, name);
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
        tag: pickU8(b.tag, k),
        // a value array no slot uses is empty (PropColumn's `done`): it stays empty
        num: b.num.length === 0 ? b.num : pickF64(b.num, k),
        str: b.str.length === 0 ? b.str : pickI32(b.str, k),
        dict: b.dict,
      };
      this.props.set(name, c);
    }
    return c;
  }
  requireProperty(name: string): void {
    this.base.requireProperty(name);
  }
  /** from the cut's column: the base's values are at positions this timeline renumbers */
  propValues(name: string, code = -1): SparseProp {
    const key = `${Math.max(-1, code)}:${name}`;
    let v = this.values.get(key);
    if (!v) {
      v = sparseOf(this.propColumn(name), this.eventCodes, code);
      this.values.set(key, v);
    }
    return v;
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

/**
 * Buffers for times and codes that successive cuts reuse (segment flow evaluates one date after
 * the other): fresh 100 MB arrays per date cost more in page faults than the copy itself. A cut
 * made over a scratch is valid only until the next cut over the same scratch.
 */
export interface CutScratch {
  times: Float64Array;
  codes: Uint16Array;
}

export function cutScratch(base: Timeline): CutScratch {
  return { times: new Float64Array(base.nEvents), codes: new Uint16Array(base.nEvents) };
}

// one function per array type: a generic one is megamorphic and several times slower
function pickF64(src: Float64Array, kept: Int32Array): Float64Array {
  const out = new Float64Array(kept.length);
  for (let i = 0; i < kept.length; i++) out[i] = src[kept[i] ?? outOfBounds()] ?? outOfBounds();
  return out;
}
function pickI32(src: Int32Array, kept: Int32Array): Int32Array {
  const out = new Int32Array(kept.length);
  for (let i = 0; i < kept.length; i++) out[i] = src[kept[i] ?? outOfBounds()] ?? outOfBounds();
  return out;
}
function pickU8(src: Uint8Array, kept: Int32Array): Uint8Array {
  const out = new Uint8Array(kept.length);
  for (let i = 0; i < kept.length; i++) out[i] = src[kept[i] ?? outOfBounds()] ?? outOfBounds();
  return out;
}
