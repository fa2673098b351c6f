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

/**
 * The value at each of `ranks` (0-based) of every part's values sorted ascending (a typed-array
 * sort's order), or null when a value is not finite (the caller sorts, which places NaN last).
 */
export function radixRanks(parts: readonly Float64Array[], ranks: readonly number[]): number[] | null {
  if (!LITTLE_ENDIAN) return null;
  counts.fill(0);
  const highs = parts.map((p) => new Uint32Array(p.buffer, p.byteOffset, p.length * 2));
  let total = 0;
  for (const words of highs) {
    for (let i = 1; i < words.length; i += 2) {
      const at = blockOf(words[i] ?? outOfBounds());
      counts[at] = (counts[at] ?? outOfBounds()) + 1;
    }
    total += words.length >>> 1;
  }
  if (holdsNonFinite(counts)) return null;
  // each wanted rank's block, and its rank among that block's values
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
  // the wanted blocks' values, copied out in one more pass: a block's slot is 1 + its index here
  const wantedBlocks = [...inBlock.keys()];
  const slot = slots;
  const copies = wantedBlocks.map((wanted, i) => {
    slot[wanted] = i + 1;
    return new Float64Array(counts[wanted] ?? outOfBounds());
  });
  const filled = new Int32Array(copies.length);
  parts.forEach((p, k) => {
    const words = highs[k] ?? outOfBounds();
    for (let i = 0; i < p.length; i++) {
      const s = slot[blockOf(words[2 * i + 1] ?? outOfBounds())] ?? outOfBounds();
      if (s === 0) continue;
      const n = filled[s - 1] ?? outOfBounds();
      (copies[s - 1] ?? outOfBounds())[n] = p[i] ?? outOfBounds();
      filled[s - 1] = n + 1;
    }
  });
  for (const wanted of wantedBlocks) slot[wanted] = 0;
  const found = new Map<number, number>();
  for (const [i, wantedBlock] of wantedBlocks.entries()) {
    const wanted = inBlock.get(wantedBlock) ?? outOfBounds();
    const values = copies[i] ?? outOfBounds();
    const at = selectRanks(values, [...wanted.values()]);
    for (const [k, rank] of [...wanted.keys()].entries()) found.set(rank, at[k] ?? outOfBounds());
  }
  return ranks.map((rank) => found.get(rank) ?? outOfBounds());
}
