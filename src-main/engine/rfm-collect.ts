import { type PropColumn, TAG_MISSING, TAG_STRING } from "./columns/types.ts";
import { grown } from "./grown.ts";
import type { RfmValues } from "./rfm-scores.ts";
import { outOfBounds } from "./typed-index.ts";

// The scored users' raw values as an rfm scan finds them, in arrays grown by doubling (grown.ts): a
// fifth of the bench's users buy, and one slot per user of the slice would be mostly unused.

export class RfmCollector {
  private capacity: number;
  private users: Int32Array;
  private rec: Float64Array;
  private freq: Float64Array;
  private mon: Float64Array;
  private n = 0;
  private readonly most: number;

  /** `most`: the slice's user count, which no scan exceeds */
  constructor(most: number) {
    this.most = most;
    this.capacity = Math.min(most, 4096);
    this.users = new Int32Array(this.capacity);
    this.rec = new Float64Array(this.capacity);
    this.freq = new Float64Array(this.capacity);
    this.mon = new Float64Array(this.capacity);
  }

  add(user: number, recencyDays: number, frequency: number, monetary: number): void {
    if (this.n === this.capacity) {
      this.capacity = Math.min(this.most, this.capacity * 2);
      this.users = grown((n) => new Int32Array(n), this.users, this.capacity);
      this.rec = grown((n) => new Float64Array(n), this.rec, this.capacity);
      this.freq = grown((n) => new Float64Array(n), this.freq, this.capacity);
      this.mon = grown((n) => new Float64Array(n), this.mon, this.capacity);
    }
    this.users[this.n] = user;
    this.rec[this.n] = recencyDays;
    this.freq[this.n] = frequency;
    this.mon[this.n] = monetary;
    this.n++;
  }

  /**
   * Views of the scored part, not copies: a query worker transfers their buffers to the main thread
   * whole, which moves them without a copy (at most half of each is past the view).
   */
  values(hasMonetary: boolean): RfmValues {
    return {
      users: this.users.subarray(0, this.n),
      recencyDays: this.rec.subarray(0, this.n),
      frequency: this.freq.subarray(0, this.n),
      monetary: this.mon.subarray(0, this.n),
      hasMonetary,
    };
  }
}

/**
 * One user's distinct values of frequencyDistinct's property, for both scans. Strings and numbers
 * live in different key spaces (dictionary indexes vs the numbers themselves): two sets, so that a
 * string never collides with a number such as -1.
 */
export class DistinctKeys {
  private readonly col: PropColumn;
  private readonly numbers = new Set<number>();
  private readonly strings = new Set<number>();

  constructor(col: PropColumn) {
    this.col = col;
  }

  clear(): void {
    this.numbers.clear();
    this.strings.clear();
  }

  /** the value at event position `pos`, when there is one */
  add(pos: number): void {
    const tag = this.col.tag[pos];
    if (tag === TAG_STRING) this.strings.add(this.col.str[pos] ?? outOfBounds());
    else if (tag !== TAG_MISSING) this.numbers.add(this.col.num[pos] ?? outOfBounds());
  }

  get size(): number {
    return this.numbers.size + this.strings.size;
  }
}
