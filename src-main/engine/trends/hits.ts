// The (user, value, bucket) triples of a users series' first hits, so that "$other" can count
// distinct users over the values it merges. Kept in chunks, each one array of interleaved triples:
// a users series over a range of days has several hits a user (millions at 10M events), and arrays
// grown by doubling copied them a dozen times into fresh memory (38 ms of the bench's 160 ms trends
// query at 10M events). A chunk is never copied; the first ones are small
// (a small workspace's query has a few hits), each twice the one before, up to 64k triples.

const FIRST_CHUNK = 1 << 10;
const LARGEST_CHUNK = 1 << 16;

export class Hits {
  private readonly full: Int32Array[] = [];
  private open = new Int32Array(3 * FIRST_CHUNK);
  private at = 0;
  n = 0;

  push(user: number, value: number, bucket: number): void {
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
    this.n++;
  }

  /** The triples in push order: user, value, bucket, user, ... (the last chunk cut to its hits). */
  chunks(): Int32Array[] {
    return [...this.full, this.open.subarray(0, this.at)];
  }
}
