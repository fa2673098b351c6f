import { grown } from "../grown.ts";
import { outOfBounds } from "../typed-index.ts";

// A users series' first hits with a breakdown (one per user, value and bucket), so that "$other"
// can count distinct users over the values it merges (run-trends.ts mergeOther).
//
// Most users meet one value only (a country, a plan, a platform), and for them the merge needs no
// hits: they are counted per value and bucket (`single`), and "$other" adds those counts up. Only
// the users who met several values keep their hits, as (user, value, bucket) triples in chunks.
// Every hit kept went to the main thread as transferred memory: ~1.2 MB a query of the 1M-event
// bench, which set off a full garbage collection of the main thread's heap nearly every query.
//
// The chunks: a users series over a range of days has several hits a user (millions at 10M events),
// and arrays grown by doubling copied them a dozen times into fresh memory (38 ms of the bench's
// 160 ms trends query at 10M events). A chunk is never copied; the first ones are small (a small
// workspace's query has a few hits), each twice the one before, up to 64k triples.

const FIRST_CHUNK = 1 << 10;
const LARGEST_CHUNK = 1 << 16;

/** One value's users who met no other value: per bucket, those with a hit, and those first seen. */
export interface SingleValueUsers {
  users: Float64Array;
  newUsers: Float64Array;
}

export class Hits {
  private readonly full: Int32Array[] = [];
  private open = new Int32Array(3 * FIRST_CHUNK);
  private at = 0;
  /** the current user's hits, as (value, bucket) pairs in time order, until the user ends */
  private pending = new Int32Array(64);
  private nPending = 0;
  private mixed = false;
  private readonly nBuckets: number;
  /** by value id (sparse): the counts of the users who met that value only */
  readonly single: (SingleValueUsers | undefined)[] = [];

  constructor(nBuckets: number) {
    this.nBuckets = nBuckets;
  }

  /** The current user's first hit of `value` in `bucket` (hits come in time order). */
  hit(value: number, bucket: number): void {
    const at = 2 * this.nPending;
    if (at === this.pending.length) this.pending = grown((n) => new Int32Array(n), this.pending, 2 * at);
    const pending = this.pending;
    if (at > 0 && pending[0] !== value) this.mixed = true;
    pending[at] = value;
    pending[at + 1] = bucket;
    this.nPending++;
  }

  /** Ends the current user: counted under their one value, or their hits kept. */
  endUser(user: number): void {
    const n = this.nPending;
    if (n === 0) return;
    const pending = this.pending;
    if (this.mixed)
      for (let i = 0; i < n; i++)
        this.push(user, pending[2 * i] ?? outOfBounds(), pending[2 * i + 1] ?? outOfBounds());
    else {
      const value = pending[0] ?? outOfBounds();
      let counts = this.single[value];
      if (counts === undefined) {
        counts = { users: new Float64Array(this.nBuckets), newUsers: new Float64Array(this.nBuckets) };
        this.single[value] = counts;
      }
      const { users, newUsers } = counts;
      for (let i = 0; i < n; i++) {
        const bucket = pending[2 * i + 1] ?? outOfBounds();
        users[bucket] = (users[bucket] ?? outOfBounds()) + 1;
      }
      const first = pending[1] ?? outOfBounds();
      newUsers[first] = (newUsers[first] ?? outOfBounds()) + 1;
    }
    this.nPending = 0;
    this.mixed = false;
  }

  private push(user: number, value: number, bucket: number): void {
    if (this.at === this.open.length) {
      this.full.push(this.open);
      this.open = new Int32Array(Math.min(2 * this.open.length, 3 * LARGEST_CHUNK));
      this.at = 0;
    }
    const open = this.open;
    open[this.at] = user;
    open[this.at + 1] = value;
    open[this.at + 2] = bucket;
    this.at += 3;
  }

  /** The kept triples in push order: user, value, bucket, user, ... (the last chunk cut to its hits). */
  chunks(): Int32Array[] {
    return [...this.full, this.open.subarray(0, this.at)];
  }
}
