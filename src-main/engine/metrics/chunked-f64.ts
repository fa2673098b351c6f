// A growing list of numbers kept as typed-array chunks. A doubling array would copy every value on
// each growth and leave the old arrays' pages behind; on the development VM each fresh 4 KB page
// costs ~6-15 us, more than the values' own work. The chunks are read as they are (radix-ranks.ts
// takes parts) and move between threads without a copy.
//
// Each chunk is twice the one before (from 512 KB unless told), up to 32 MB: a small slice
// allocates little, and a large one fills chunks that the allocator maps whole, where huge pages can
// back them (with glibc's huge-page tunable, as `strata query` runs: scripts/huge-pages.cjs).
// Pushing 20M values took 464 ms and 40,000 page faults in 512 KB chunks, 67-85 ms and 1,400-2,000
// faults in 32 MB ones; at 100M events the sessions' lengths were a third of each worker's tally.

const FIRST = 1 << 16;
const LARGEST = 1 << 22;

/**
 * A chunk whose memory is not cleared first (only what was pushed is ever read). A new typed array
 * is zeroed, and memory the allocator hands back again (a process's second query) is cleared by
 * writing it whole: on the development VM every 4 KB page of it faulted in again, ~10 us each.
 * Its own buffer (not Node's shared pool), so that it can move to another thread.
 */
function unfilled(n: number): Float64Array {
  const bytes = Buffer.allocUnsafeSlow(n * Float64Array.BYTES_PER_ELEMENT);
  return new Float64Array(bytes.buffer, bytes.byteOffset, n);
}

export class ChunkedF64 {
  private readonly full: Float64Array[] = [];
  private chunk: Float64Array;
  private at = 0;

  /** `first`: the first chunk's length (a list that may stay short, a funnel's breakdown value's) */
  constructor(first = FIRST) {
    if (!Number.isInteger(first) || first < 1) throw new RangeError(`a first chunk of ${first} values`);
    this.chunk = unfilled(first);
  }

  push(v: number): void {
    if (this.at === this.chunk.length) {
      this.full.push(this.chunk);
      this.chunk = unfilled(Math.min(LARGEST, 2 * this.chunk.length));
      this.at = 0;
    }
    this.chunk[this.at++] = v;
  }

  /** The values, chunk by chunk in the order they were pushed (the last chunk a view of its filled part). */
  chunks(): Float64Array[] {
    return [...this.full, this.chunk.subarray(0, this.at)];
  }
}
