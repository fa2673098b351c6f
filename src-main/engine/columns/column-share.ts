import type { MessagePort } from "node:worker_threads";
import { openConnection } from "../../db/connection.ts";
import { type ColumnArrays, ColumnBuilder } from "./column-builder.ts";
import { propScanner, type ScanBatch, type ScanForm } from "./prop-scan.ts";

// The batches of a column build that two threads share (helper-build.ts): each claims the next
// batch of seqs from a shared counter until none is left, so that both finish together however the
// events' JSON is spread (split in two halves by seq, one thread waited 6 s of 17 for the other at
// 100M). Each reads into the column's shared arrays at the positions `posOfSeq` gives, coding
// strings by a dictionary of its own; the building thread then puts the two together in the order
// one thread meets the strings (helper-build.ts).

export interface Batches {
  first: number;
  last: number;
  batchEvents: number;
  /** [0]: the next batch to claim; [1]: the helper's start: 0 not yet, 1 started, -1 refused */
  claims: Int32Array;
  /** 1 for each batch the helper read */
  byHelper: Uint8Array;
}

export const batchCount = (b: Pick<Batches, "first" | "last" | "batchEvents">) =>
  Math.ceil((b.last + 1 - b.first) / b.batchEvents);

/** The batches of seqs [first, last], none claimed yet, in memory a helper thread can share. */
export function newBatches([first, last]: [number, number], batchEvents: number): Batches {
  const count = batchCount({ first, last, batchEvents });
  return {
    first,
    last,
    batchEvents,
    claims: new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)),
    byHelper: new Uint8Array(new SharedArrayBuffer(count)),
  };
}

export interface ShareJob {
  file: string;
  name: string;
  /** the form the building thread chose: both threads read their batches so */
  form: ScanForm;
  batches: Batches;
  posOfSeq: Int32Array;
  arrays: ColumnArrays;
  /** 0 while reading, 1 once the answer is posted on `port` */
  state: Int32Array;
  port: MessagePort;
}

/** The strings a thread met first in a batch: [batch, first code, end code) of its dictionary. */
export type NewStrings = [number, number, number][];

export type ShareAnswer = { ok: true; dict: string[]; news: NewStrings } | { ok: false; message: string };

/**
 * Reads batches claimed one at a time into `built` (`helper`: marks them as the helper's), or the
 * batches `only` lists; says which strings it met first in which batch, and its longest batch's ms.
 */
export function readBatches(
  scan: ScanBatch,
  batches: Batches,
  posOfSeq: Int32Array,
  built: ColumnBuilder,
  helper: boolean,
  only?: readonly number[],
): { news: NewStrings; longestMs: number } {
  const news: NewStrings = [];
  let longestMs = 0;
  const count = batchCount(batches);
  const put = (seq: number, value: unknown) => {
    const pos = posOfSeq[seq] ?? -1;
    if (pos >= 0) built.set(pos, value);
  };
  for (let k = 0; ; k++) {
    const batch = only ? (only[k] ?? count) : Atomics.add(batches.claims, 0, 1);
    if (batch >= count) return { news, longestMs };
    if (helper) batches.byHelper[batch] = 1;
    const start = batches.first + batch * batches.batchEvents;
    const before = built.dict.length;
    const t0 = performance.now();
    scan(start, Math.min(batches.last + 1, start + batches.batchEvents), put);
    longestMs = Math.max(longestMs, performance.now() - t0);
    if (built.dict.length > before) news.push([batch, before, built.dict.length]);
  }
}

/** Whether a message from the helper is its answer. */
export function isShareAnswer(m: unknown): m is ShareAnswer {
  if (typeof m !== "object" || m === null || !("ok" in m)) return false;
  if (m.ok === false) return "message" in m && typeof m.message === "string";
  return m.ok === true && "dict" in m && Array.isArray(m.dict) && "news" in m && Array.isArray(m.news);
}

/** The helper: reads batches until none is left, posts the answer, then flags it and wakes the builder. */
export function readShareOf(job: ShareJob): void {
  let answer: ShareAnswer;
  // the builder may have read every batch before this thread started: then it has nothing to do
  if (Atomics.compareExchange(job.batches.claims, 1, 0, 1) !== 0) answer = { ok: true, dict: [], news: [] };
  else
    try {
      // a query worker's reader: its pragmas, and a file holding SQL Strata never writes is refused
      const db = openConnection(job.file, "queryWorker", { readonly: true });
      try {
        const built = new ColumnBuilder(job.arrays);
        const { news } = readBatches(
          propScanner(db, job.name, job.form),
          job.batches,
          job.posOfSeq,
          built,
          true,
        );
        answer = { ok: true, dict: built.dict, news };
      } finally {
        db.close();
      }
    } catch (err) {
      answer = { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  job.port.postMessage(answer);
  Atomics.store(job.state, 0, 1);
  Atomics.notify(job.state, 0);
}
