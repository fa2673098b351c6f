import os from "node:os";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import { workerUrl } from "../../workers/worker-path.ts";
import { ColumnBuilder, sharedArrays } from "./column-builder.ts";
import type { ShareAnswer, ShareJob } from "./column-share.ts";
import { scanSeqs } from "./prop-scan.ts";
import { TAG_STRING } from "./types.ts";

// A large workspace's property column read by two threads: this one reads the first half of the
// events' seqs, a helper thread (column-worker.ts, its own read-only connection) the second, each
// into the same shared arrays. SQLite's look into each event's JSON is most of a first query of a
// property (10M events: ~1.7 of 2.8 s; 100M: most of 40 s), and one connection reads on one core.
// The caller's API stays synchronous (a column is asked for deep inside every kind): this thread
// sleeps on a shared flag until the helper has answered.

/** Events from which a column is read by two threads: below, a helper's start (~0.1 s) costs more than it saves. */
export const HELPER_FROM_EVENTS = 4_000_000;

/** How long past this thread's own half the helper may take before it is given up. */
const GRACE_MS = 5000;

/** Whether a column of this many events in this workspace may be read by two threads. */
export function helperCanRead(db: Database.Database, nEvents: number, from = HELPER_FROM_EVENTS): boolean {
  // an open transaction may hold rows another connection cannot see; a memory database has no file
  return nEvents >= from && os.availableParallelism() >= 2 && !db.memory && !db.inTransaction;
}

/**
 * The column of seqs [first, last] read by this thread and a helper, or null when the helper
 * failed or did not answer in time (the caller then reads it all itself, into arrays of its own:
 * a helper given up may still be writing into these).
 */
export function readWithHelper(
  db: Database.Database,
  name: string,
  nEvents: number,
  posOfSeq: Int32Array,
  [first, last]: [number, number],
  batchEvents: number,
): ColumnBuilder | null {
  const arrays = sharedArrays(nEvents);
  const mid = first + Math.ceil((last + 1 - first) / 2);
  const state = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const job: ShareJob = {
    file: db.name,
    name,
    from: mid,
    to: last + 1,
    batchEvents,
    posOfSeq,
    arrays,
    state,
    port: port2,
  };
  const helper = new Worker(workerUrl("column-worker", new URL("./column-worker.ts", import.meta.url)), {
    workerData: job,
    transferList: [port2],
  });
  helper.unref();
  // a helper that cannot start is given up at the deadline; its error must not end the process
  helper.on("error", () => {});
  try {
    const built = new ColumnBuilder(arrays);
    const t0 = performance.now();
    scanSeqs(
      db,
      name,
      first,
      mid,
      (seq, value) => {
        const pos = posOfSeq[seq] ?? -1;
        if (pos >= 0) built.set(pos, value);
      },
      batchEvents,
    );
    const own = performance.now() - t0;
    const answer = awaitAnswer(state, port1, performance.now() + own * 2 + GRACE_MS);
    if (!answer?.ok) return null;
    recode(built, answer.dict, posOfSeq, mid, last);
    return built;
  } finally {
    port1.close();
    void helper.terminate();
  }
}

/** The helper's answer once it has flagged one, or null when none came by `deadline`. */
function awaitAnswer(state: Int32Array, port: MessagePort, deadline: number): ShareAnswer | null {
  for (;;) {
    if (Atomics.load(state, 0) === 1) {
      // posted before the flag was set: it is on the port
      const m = receiveMessageOnPort(port);
      return m ? (m.message as ShareAnswer) : null;
    }
    const left = deadline - performance.now();
    if (left <= 0) return null;
    Atomics.wait(state, 0, 0, Math.min(left, 1000));
  }
}

/**
 * Maps the helper's string codes (its `dict`) onto this thread's, at the events of its seqs
 * [from, last]: one dictionary for the column, in the order the strings were first met.
 */
function recode(
  built: ColumnBuilder,
  dict: readonly string[],
  posOfSeq: Int32Array,
  from: number,
  last: number,
): void {
  const codes = dict.map((s) => built.code(s));
  if (codes.every((c, i) => c === i)) return;
  const { tag, str } = built;
  for (let seq = from; seq <= last && seq < posOfSeq.length; seq++) {
    const pos = posOfSeq[seq] ?? -1;
    if (pos >= 0 && tag[pos] === TAG_STRING) str[pos] = codes[str[pos] ?? 0] ?? 0;
  }
}
