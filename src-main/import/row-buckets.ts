import {
  type EventChunk,
  groupByUser,
  offsetsFromCounts,
  sortRuns,
  type UserRuns,
} from "../engine/columns/build.ts";
import { release } from "../engine/columns/release.ts";
import { outOfBounds } from "../engine/typed-index.ts";

// The import's rows kept for the engine's timeline, sorted into buckets of 4,096 user ids as the
// inserting thread writes them, instead of in the order they came. Grouping the rows by user after
// the last one is a scatter: each row written to its user's place in 140 MB of output (10M events,
// 1M users), a cache and page miss a row, two passes, 1.8-2.2 s of the import's tail while the
// other thread built the users' index in 1.2 s. Appending each row to its bucket costs the
// inserting thread a few nanoseconds while the parsing thread is the slower of the two; after the
// last row each bucket is scattered into its own range of the output, which stays in cache.
//
// A row is 16 bytes of its bucket's current block: the time as a double, then a word holding the
// id's low 12 bits (high half) and the event code (low half), then the row's number in the import.

const SHIFT = 12;
const LOW = (1 << SHIFT) - 1;
/** rows a block holds (32 KB) */
const BLOCK_ROWS = 2048;

/**
 * The buckets' blocks, bucket by bucket in id order (a bucket without rows has none); every block
 * is full but each bucket's last.
 */
export interface Buckets {
  blocks: ArrayBuffer[][];
  /** rows in each bucket's last block */
  lastRows: number[];
}

export class RowBuckets {
  private readonly blocks: ArrayBuffer[][] = [];
  private readonly times: Float64Array[] = [];
  private readonly words: Int32Array[] = [];
  private readonly fill: number[] = [];
  private rows = 0;

  /** Rows kept so far. */
  get count(): number {
    return this.rows;
  }

  /**
   * Keeps n rows, numbered on from the last. False, keeping none of them, when an id is negative or
   * a code does not fit in 16 bits (the engine cannot encode such a timeline at all).
   */
  add(uids: Int32Array, eids: Int32Array, times: Float64Array, n: number): boolean {
    for (let k = 0; k < n; k++) {
      const code = eids[k] ?? outOfBounds();
      if ((uids[k] ?? outOfBounds()) < 0 || code < 0 || code > 0xffff) return false;
    }
    for (let k = 0; k < n; k++) {
      const uid = uids[k] ?? outOfBounds();
      const b = uid >>> SHIFT;
      if (b >= this.blocks.length) this.addBuckets(b + 1);
      let p = this.fill[b] ?? outOfBounds();
      if (p === BLOCK_ROWS) {
        this.newBlock(b);
        p = 0;
      }
      const w = this.words[b] ?? outOfBounds();
      (this.times[b] ?? outOfBounds())[2 * p] = times[k] ?? outOfBounds();
      w[4 * p + 2] = ((uid & LOW) << 16) | (eids[k] ?? outOfBounds());
      w[4 * p + 3] = this.rows + k;
      this.fill[b] = p + 1;
    }
    this.rows += n;
    return true;
  }

  /** Buckets up to `count`, without blocks: a bucket's first row makes its first. */
  private addBuckets(count: number): void {
    while (this.blocks.length < count) {
      this.blocks.push([]);
      this.times.push(new Float64Array(0));
      this.words.push(new Int32Array(0));
      this.fill.push(BLOCK_ROWS);
    }
  }

  private newBlock(b: number): void {
    const block = new ArrayBuffer(16 * BLOCK_ROWS);
    (this.blocks[b] ?? outOfBounds()).push(block);
    this.times[b] = new Float64Array(block);
    this.words[b] = new Int32Array(block);
    this.fill[b] = 0;
  }

  /** The blocks, moved out: this is empty after it. */
  take(): Buckets {
    const taken = { blocks: this.blocks.splice(0), lastRows: this.fill.splice(0) };
    this.times.length = 0;
    this.words.length = 0;
    this.rows = 0;
    return taken;
  }
}

/** Each block of bucket b with its rows, in order (the loops over rows are the callers', inlined). */
function eachBlock(
  buckets: Buckets,
  b: number,
  visit: (times: Float64Array, words: Int32Array, rows: number) => void,
): void {
  const blocks = buckets.blocks[b] ?? outOfBounds();
  blocks.forEach((block, i) => {
    const rows = i === blocks.length - 1 ? (buckets.lastRows[b] ?? outOfBounds()) : BLOCK_ROWS;
    visit(new Float64Array(block), new Int32Array(block), rows);
  });
}

/** Whether the ids that have an index have increasing indexes: then id order is index order. */
function indexesIncrease(indexOfId: Int32Array): boolean {
  let last = -1;
  for (let id = 0; id < indexOfId.length; id++) {
    const ui = indexOfId[id] ?? outOfBounds();
    if (ui < 0) continue;
    if (ui <= last) return false;
    last = ui;
  }
  return true;
}

/**
 * The buckets' rows grouped by user as groupByUser groups them (row r has seq firstSeq + r; rows of
 * an id without an index are left out), the blocks freed as they are read. When id order is not
 * index order (identity links merged users) the rows go to groupByUser as chunks.
 */
export function groupBuckets(
  buckets: Buckets,
  indexOfId: Int32Array,
  nUsers: number,
  firstSeq: number,
): UserRuns {
  if (!indexesIncrease(indexOfId))
    return groupByUser(indexOfId, nUsers, chunksOf(buckets, firstSeq), firstSeq, true);
  const nBuckets = buckets.blocks.length;
  const userOffsets = new Int32Array(nUsers + 1);
  let events = 0;
  for (let bucket = 0; bucket < nBuckets; bucket++)
    eachBlock(buckets, bucket, (_times, words, rows) => {
      const base = bucket << SHIFT;
      for (let p = 0; p < rows; p++) {
        const ui = indexOfId[base | ((words[4 * p + 2] ?? outOfBounds()) >>> 16)] ?? -1;
        if (ui < 0) continue;
        userOffsets[ui + 1] = (userOffsets[ui + 1] ?? outOfBounds()) + 1;
        events++;
      }
    });
  offsetsFromCounts(userOffsets);
  const runs = {
    userOffsets,
    eventCodes: new Uint16Array(events),
    times: new Float64Array(events),
    seqs: new Int32Array(events),
  };
  const cursor = userOffsets.slice(0, nUsers);
  // a bucket's users are a range of indexes (they increase with the ids), so are its rows' places
  const { times: outTimes, eventCodes, seqs } = runs;
  for (let bucket = 0; bucket < nBuckets; bucket++)
    eachBlock(buckets, bucket, (times, words, rows) => {
      const base = bucket << SHIFT;
      for (let p = 0; p < rows; p++) {
        const word = words[4 * p + 2] ?? outOfBounds();
        const ui = indexOfId[base | (word >>> 16)] ?? -1;
        if (ui < 0) continue;
        const q = cursor[ui] ?? outOfBounds();
        cursor[ui] = q + 1;
        outTimes[q] = times[2 * p] ?? outOfBounds();
        eventCodes[q] = word & 0xffff;
        seqs[q] = firstSeq + (words[4 * p + 3] ?? outOfBounds());
      }
      release(times);
    });
  sortRuns(runs);
  return runs;
}

/**
 * The buckets' rows as one chunk in row order, with their seqs (for groupByUser or the engine's
 * build), the blocks freed. Row order, not bucket order: groupByUser keeps the order rows come in
 * for events at the same time, and a user whose ids lie in two buckets (identity links) has rows in
 * both.
 */
export function chunksOf(buckets: Buckets, firstSeq: number): EventChunk[] {
  let rows = 0;
  for (let bucket = 0; bucket < buckets.blocks.length; bucket++) rows += bucketRows(buckets, bucket);
  const chunk = {
    n: rows,
    uids: new Int32Array(rows),
    eids: new Uint16Array(rows),
    times: new Float64Array(rows),
    seqs: new Int32Array(rows),
  };
  for (let bucket = 0; bucket < buckets.blocks.length; bucket++)
    eachBlock(buckets, bucket, (times, words, count) => {
      for (let p = 0; p < count; p++) {
        const word = words[4 * p + 2] ?? outOfBounds();
        const row = words[4 * p + 3] ?? outOfBounds();
        if (row >= rows) outOfBounds();
        chunk.uids[row] = (bucket << SHIFT) | (word >>> 16);
        chunk.eids[row] = word & 0xffff;
        chunk.times[row] = times[2 * p] ?? outOfBounds();
        chunk.seqs[row] = firstSeq + row;
      }
      release(times);
    });
  return [chunk];
}

function bucketRows(buckets: Buckets, b: number): number {
  const blocks = buckets.blocks[b] ?? outOfBounds();
  return blocks.length === 0 ? 0 : (blocks.length - 1) * BLOCK_ROWS + (buckets.lastRows[b] ?? outOfBounds());
}
