// A growing list of numbers kept as typed-array chunks of a fixed size. A doubling array would copy
// every value on each growth and leave the old arrays' pages behind; on the development VM each
// fresh 4 KB page costs ~15 us, more than the values' own work. The chunks are read as they are
// (radix-ranks.ts takes parts) and move between threads without a copy.

const CHUNK = 1 << 16;

export class ChunkedF64 {
  private readonly full: Float64Array[] = [];
  private chunk = new Float64Array(CHUNK);
  private at = 0;

  push(v: number): void {
    if (this.at === CHUNK) {
      this.full.push(this.chunk);
      this.chunk = new Float64Array(CHUNK);
      this.at = 0;
    }
    this.chunk[this.at++] = v;
  }

  /** The values, chunk by chunk in the order they were pushed (the last chunk a view of its filled part). */
  chunks(): Float64Array[] {
    return [...this.full, this.chunk.subarray(0, this.at)];
  }
}
