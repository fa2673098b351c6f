import type Database from "better-sqlite3";
import { timesInChunk } from "./compact.ts";
import { type ArrayName, type SavedMeta, savedMeta } from "./saved-layout.ts";

// The times, a little over two thirds of what an open decodes, read by both query workers at once
// into one shared array: the first worker decodes the times up to a cut, the second the rest and
// every other array. With the times whole in one part (OPEN_PARTS), the other worker waited: at
// 100M events 1.5 s decoding the times against 0.85 s for the rest. The main thread plans the cut
// and allocates the array from the saved layout while the workers start; each worker checks the
// plan's stamp against the saved one (and reads with the plan's layout while it holds, or its own
// when a row is not as listed), and the parts join only when their ranges cover every chunk.

/** The times' chunks [from, to) one reader decodes into the shared array. */
export interface TimesShare {
  /** the saved columns' stamp the plan was made from */
  stamp: string;
  /** the saved layout the plan was made from, which a reader uses while the stamp is unchanged */
  meta: SavedMeta;
  /** every event's time, once every reader has decoded its chunks */
  buffer: SharedArrayBuffer;
  /** the size of every saved chunk of times, which the reader's layout must have */
  sizes: number[];
  from: number;
  to: number;
}

/** The plan for two readers: the first decodes chunks [0, cut), the second [cut, end) and the rest. */
export interface TimesPlan {
  stamp: string;
  meta: SavedMeta;
  buffer: SharedArrayBuffer;
  sizes: number[];
  cut: number;
}

/** Bytes an array takes in memory per element, the cost of reading it (fresh memory, mostly). */
const OUT_BYTES: Record<ArrayName, number> = {
  userOffsets: 4,
  eventCodes: 2,
  times: 8,
  seqs: 4,
  userIds: 4,
  createdAt: 8,
};

/**
 * The plan from the saved layout, when the times are saved in chunks of the narrow form; null
 * otherwise (the times are read whole by one worker, as before). `later`: arrays the workers read
 * on first access, not at the open.
 */
export function planTimes(
  db: Database.Database,
  later: readonly ArrayName[],
  meta = savedMeta(db),
): TimesPlan | null {
  const times = meta?.saved.get("times");
  if (!meta || !times || times.form !== "i40" || times.parts.length < 2) return null;
  let rest = 0;
  for (const [name, saved] of meta.saved)
    if (name !== "times" && !later.includes(name)) rest += saved.length * OUT_BYTES[name];
  const sizes = times.parts.map((p) => p.size);
  // the first reader's times weigh half of everything read: the times and the rest
  const half = (times.length * OUT_BYTES.times + rest) / 2;
  let cut = 0;
  let before = 0;
  for (; cut < sizes.length; cut++) {
    const bytes = timesInChunk(sizes[cut] ?? 0) * OUT_BYTES.times;
    if (before + bytes > half) break;
    before += bytes;
  }
  return { stamp: meta.stamp, meta, buffer: new SharedArrayBuffer(times.length * 8), sizes, cut };
}

/** Reader `reader`'s share of the plan (0: the chunks before the cut, 1: those from it). */
export function shareOf(plan: TimesPlan, reader: number): TimesShare {
  const { stamp, meta, buffer, sizes, cut } = plan;
  return reader === 0
    ? { stamp, meta, buffer, sizes, from: 0, to: cut }
    : { stamp, meta, buffer, sizes, from: cut, to: sizes.length };
}

/** Whether the chunk ranges the readers decoded cover all `chunks` of the plan, each once. */
export function rangesCover(ranges: readonly { from: number; to: number }[], chunks: number): boolean {
  let next = 0;
  for (const r of [...ranges].sort((a, b) => a.from - b.from)) {
    if (r.from !== next || r.to < r.from) return false;
    next = r.to;
  }
  return next === chunks;
}
