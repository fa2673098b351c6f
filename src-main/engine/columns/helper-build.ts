import os from "node:os";
import {
  isMainThread,
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import type Database from "better-sqlite3";
import { workerUrl } from "../../workers/worker-path.ts";
import { outOfBounds } from "../typed-index.ts";
import { type ColumnArrays, ColumnBuilder, sharedArrays } from "./column-builder.ts";
import {
  type Batches,
  batchCount,
  isShareAnswer,
  type NewStrings,
  newBatches,
  readBatches,
  type ShareAnswer,
  type ShareJob,
} from "./column-share.ts";
import { propScanner, type ScanForm } from "./prop-scan.ts";
import { type PropColumn, TAG_STRING } from "./types.ts";

// A large workspace's property column read by two threads: this one and a helper thread
// (column-worker.ts, its own read-only connection) claim batches of the events' seqs in turn
// (column-share.ts), each reading into the same shared arrays. SQLite's look into each event's JSON is most of a first query of a
// property (10M events: ~1.7 of 2.8 s; 100M: most of 40 s), and one connection reads on one core.
// The caller's API stays synchronous (a column is asked for deep inside every kind): this thread
// sleeps on a shared flag until the helper has answered.

/** Events from which a column is read by two threads: below, a helper's start (~0.1 s) costs more than it saves. */
export const HELPER_FROM_EVENTS = 4_000_000;

/** How long past this thread's own reading the helper may take before it is given up. */
const GRACE_MS = 5000;

/** Whether a column of this many events in this workspace may be read by two threads. */
export function helperCanRead(db: Database.Database, nEvents: number, from = HELPER_FROM_EVENTS): boolean {
  // an open transaction may hold rows another connection cannot see; a memory database has no file;
  // the app's own main thread (a share's counts) must not sleep on Atomics.wait: it runs the window
  const appMain = isMainThread && process.versions.electron !== undefined;
  return nEvents >= from && os.availableParallelism() >= 2 && !db.memory && !db.inTransaction && !appMain;
}

/** A column read with a helper, and how many batches the helper read of it. */
export interface Helped {
  column: PropColumn;
  helperBatches: number;
}

/**
 * The column of seqs [first, last] read by this thread and a helper, batch by batch as each claims
 * them, or null when the helper failed after claiming some, or did not answer in time (the caller
 * then reads it all itself, into arrays of its own: a helper given up may still be writing here).
 */
export function readWithHelper(
  db: Database.Database,
  name: string,
  nEvents: number,
  posOfSeq: Int32Array,
  span: [number, number],
  batchEvents: number,
  form: ScanForm,
  /** for tests: this thread starts reading only once the helper has, so that both read some */
  waitForHelper = false,
): Helped | null {
  const arrays = sharedArrays(nEvents);
  const batches = newBatches(span, batchEvents);
  const state = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const job: ShareJob = { file: db.name, name, form, batches, posOfSeq, arrays, state, port: port2 };
  let helper: Worker | null = null;
  try {
    helper = new Worker(workerUrl("column-worker", new URL("./column-worker.ts", import.meta.url)), {
      workerData: job,
      transferList: [port2],
    });
    helper.unref();
    // a helper that cannot start never answers (its batches are read here); its error must not end
    // the process
    helper.on("error", (err) => warnHelperFailed(err.message));
    const built = new ColumnBuilder(arrays);
    const t0 = performance.now();
    if (waitForHelper)
      while (Atomics.load(batches.claims, 1) === 0 && performance.now() - t0 < GRACE_MS)
        Atomics.wait(batches.claims, 1, 0, 50);
    const scan = propScanner(db, name, form);
    const own = readBatches(scan, batches, posOfSeq, built, false);
    // every batch read here before the helper started: it is told not to
    if (Atomics.compareExchange(batches.claims, 1, 0, -1) === 0)
      return { column: built.done(), helperBatches: 0 };
    // the helper has at most one batch left: a few times this thread's longest
    const answer = awaitAnswer(state, port1, performance.now() + 4 * own.longestMs + GRACE_MS);
    const mine = Array.from(batches.byHelper.keys()).filter((b) => batches.byHelper[b] === 1);
    // no answer: the helper may still be writing into these arrays
    if (!answer) return null;
    if (!answer.ok) {
      warnHelperFailed(answer.message);
      // it has stopped: its batches are read again here, over whatever it wrote
      batches.byHelper.fill(0);
      const again = readBatches(scan, batches, posOfSeq, built, false, mine);
      const news = [...own.news, ...again.news];
      const dict = joinDicts(built, { dict: [], news: [] }, { dict: built.dict, news }, batches, posOfSeq);
      return { column: { ...built.done(), dict }, helperBatches: 0 };
    }
    if (mine.length === 0) return { column: built.done(), helperBatches: 0 };
    const dict = joinDicts(
      built,
      { dict: answer.dict, news: answer.news },
      { dict: built.dict, news: own.news },
      batches,
      posOfSeq,
    );
    return { column: { ...built.done(), dict }, helperBatches: mine.length };
  } catch (err) {
    // the helper could not be started (its file missing from a build, say): one thread reads it all
    if (helper) throw err;
    warnHelperFailed(err instanceof Error ? err.message : String(err));
    return null;
  } finally {
    port1.close();
    port2.close();
    // no batch is left to claim: a helper still reading (given up, or this thread failed) ends
    // after its batch, by itself. It is never terminated: stopped inside a SQLite call, the addon's
    // error for it aborts the whole process ("napi_get_last_error_info", seen in CI)
    Atomics.store(batches.claims, 0, batchCount(batches));
  }
}

let warned = false;

/** Says once per process that a column was read without its helper: slower, the same answer. */
function warnHelperFailed(why: string): void {
  if (warned) return;
  warned = true;
  process.stderr.write(
    `strata: warning: a property column's helper thread failed; read on one thread (${why})\n`,
  );
}

/** The helper's answer once it has flagged one, or null when none came by `deadline`. */
function awaitAnswer(state: Int32Array, port: MessagePort, deadline: number): ShareAnswer | null {
  for (;;) {
    if (Atomics.load(state, 0) === 1) {
      // posted before the flag was set: it is on the port
      const m = receiveMessageOnPort(port)?.message;
      return isShareAnswer(m) ? m : null;
    }
    const left = deadline - performance.now();
    if (left <= 0) return null;
    Atomics.wait(state, 0, 0, Math.min(left, 1000));
  }
}

/** One thread's dictionary, and the batches in which it met each string first. */
export interface Met {
  dict: readonly string[];
  news: NewStrings;
}

/**
 * One dictionary for the column, its strings in the order one thread reading every batch in turn
 * meets them (each batch's rows come in seq order), so the column is the one-thread column; the
 * codes of both threads' batches are mapped onto it.
 */
export function joinDicts(
  arrays: Pick<ColumnArrays, "tag" | "str">,
  helper: Met,
  own: Met,
  batches: Batches,
  posOfSeq: Int32Array,
): string[] {
  const dict: string[] = [];
  const codeOf = new Map<string, number>();
  const maps = [helper, own].map((met) => new Int32Array(met.dict.length));
  const firsts = [helper, own]
    .flatMap((met, thread) => met.news.map(([b, from, to]) => ({ b, from, to, met, thread })))
    .sort((x, y) => x.b - y.b);
  for (const { from, to, met, thread } of firsts) {
    const map = maps[thread] ?? outOfBounds();
    for (let local = from; local < to; local++) {
      const value = met.dict[local] ?? outOfBounds();
      let code = codeOf.get(value);
      if (code === undefined) {
        code = dict.length;
        dict.push(value);
        codeOf.set(value, code);
      }
      map[local] = code;
    }
  }
  const [helperMap, ownMap] = maps.map((map) => (map.every((code, c) => code === c) ? null : map));
  const { tag, str } = arrays;
  batches.byHelper.forEach((byHelper, b) => {
    const map = byHelper === 1 ? helperMap : ownMap;
    if (!map) return;
    const start = batches.first + b * batches.batchEvents;
    const end = Math.min(batches.last + 1, start + batches.batchEvents, posOfSeq.length);
    for (let seq = start; seq < end; seq++) {
      const pos = posOfSeq[seq] ?? -1;
      if (pos >= 0 && tag[pos] === TAG_STRING) str[pos] = map[str[pos] ?? 0] ?? 0;
    }
  });
  return dict;
}
