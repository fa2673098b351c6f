import { outOfBounds } from "../typed-index.ts";
import { selectRanks } from "./select.ts";

// A few order statistics of doubles read where they lie (RFM's monetary edges over the query
// workers' slices): one pass counts the values in each of 65,536 blocks of their bit patterns, a
// second copies out only the blocks that hold a wanted rank, and a selection inside each block
// finds it. A selection over all of them would first copy every value into fresh memory (at 10M
// events 1.7 MB, ~4 ms of page faults on a slow VM) and then walk them several times.

const BLOCKS = 1 << 16;

/**
 * The blocks' counts and the wanted blocks' slots, kept between calls (one call at a time in a
 * thread, as none awaits); their pages are given only once a call first writes them.
 */
const counts = new Int32Array(BLOCKS);
const slots = new Uint8Array(BLOCKS);
const MAX_SLOTS = 255;

/** Whether a double's high word is the second 32-bit word of its 8 bytes (it is on every platform Node runs on). */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([-0]).buffer)[7] === 0x80;

/**
 * A double's block from its high word: the top 16 bits of a form whose unsigned order is the
 * typed-array sort's (a negative number's bits flipped, a positive one's sign bit set), so -0 and 0
 * fall in different blocks and every block's values compare under `<` as they sort.
 */
function blockOf(high: number): number {
  return high >= 0x80000000 ? ~high >>> 16 : (high >>> 16) | 0x8000;
}

/** Blocks that hold the infinities and NaN (exponent all ones): the lowest and highest sixteen. */
function holdsNonFinite(c: Int32Array): boolean {
  for (let b = 0; b < 16; b++) if ((c[b] ?? 0) !== 0 || (c[BLOCKS - 1 - b] ?? 0) !== 0) return true;
  return false;
}

/** The high 32-bit word of each value of `part`, at the odd indexes of a view over its bytes. */
const highWords = (part: Float64Array) => new Uint32Array(part.buffer, part.byteOffset, part.length * 2);

/** Counts each value's block into `counts`; returns how many values there are. */
function countBlocks(parts: readonly Float64Array[]): number {
  counts.fill(0);
  let total = 0;
  for (const part of parts) {
    const words = highWords(part);
    for (let i = 1; i < words.length; i += 2) {
      const at = blockOf(words[i] ?? outOfBounds());
      counts[at] = (counts[at] ?? outOfBounds()) + 1;
    }
    total += part.length;
  }
  return total;
}

/** Each wanted rank's block, and the rank's position among that block's values (from countBlocks). */
function locate(ranks: readonly number[], total: number): Map<number, Map<number, number>> {
  const inBlock = new Map<number, Map<number, number>>();
  let below = 0;
  let block = 0;
  for (const rank of [...new Set(ranks)].sort((a, b) => a - b)) {
    if (rank < 0 || rank >= total) return outOfBounds();
    while (below + (counts[block] ?? outOfBounds()) <= rank) below += counts[block++] ?? outOfBounds();
    const wanted = inBlock.get(block) ?? new Map<number, number>();
    wanted.set(rank, rank - below);
    inBlock.set(block, wanted);
  }
  return inBlock;
}

/** The values of each of `blocks`, copied out in one pass (a block's slot is 1 + its index). */
function copyBlocks(parts: readonly Float64Array[], blocks: readonly number[]): Float64Array[] {
  const copies = blocks.map((block, i) => {
    slots[block] = i + 1;
    return new Float64Array(counts[block] ?? outOfBounds());
  });
  const filled = new Int32Array(copies.length);
  for (const part of parts) {
    const words = highWords(part);
    for (let i = 0; i < part.length; i++) {
      const slot = slots[blockOf(words[2 * i + 1] ?? outOfBounds())] ?? outOfBounds();
      if (slot === 0) continue;
      const at = filled[slot - 1] ?? outOfBounds();
      (copies[slot - 1] ?? outOfBounds())[at] = part[i] ?? outOfBounds();
      filled[slot - 1] = at + 1;
    }
  }
  for (const block of blocks) slots[block] = 0;
  return copies;
}

/**
 * The value at each of `ranks` (0-based) of every part's values sorted ascending (a typed-array
 * sort's order), or null when a value is not finite (the caller sorts, which places NaN last) or
 * the ranks fall in more blocks than a slot can number.
 */
export function radixRanks(parts: readonly Float64Array[], ranks: readonly number[]): number[] | null {
  if (!LITTLE_ENDIAN) return null;
  const total = countBlocks(parts);
  if (holdsNonFinite(counts)) return null;
  const inBlock = locate(ranks, total);
  const blocks = [...inBlock.keys()];
  if (blocks.length > MAX_SLOTS) return null;
  const copies = copyBlocks(parts, blocks);
  const found = new Map<number, number>();
  for (const [i, block] of blocks.entries()) {
    const wanted = inBlock.get(block) ?? outOfBounds();
    const at = selectRanks(copies[i] ?? outOfBounds(), [...wanted.values()]);
    for (const [k, rank] of [...wanted.keys()].entries()) found.set(rank, at[k] ?? outOfBounds());
  }
  return ranks.map((rank) => found.get(rank) ?? outOfBounds());
}
