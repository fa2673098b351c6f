import type { MessagePort } from "node:worker_threads";
import Database from "better-sqlite3";
import { type ColumnArrays, ColumnBuilder } from "./column-builder.ts";
import { scanSeqs } from "./prop-scan.ts";

// What the helper thread of a column build (helper-build.ts) is given and answers: a range of seqs
// to read the property of, into the column's shared arrays at the positions `posOfSeq` gives.
// Its strings are coded by a dictionary of its own, which the building thread maps onto its own.

export interface ShareJob {
  file: string;
  name: string;
  from: number;
  to: number;
  batchEvents: number;
  posOfSeq: Int32Array;
  arrays: ColumnArrays;
  /** 0 while reading, 1 once the answer is posted on `port` */
  state: Int32Array;
  port: MessagePort;
}

export type ShareAnswer = { ok: true; dict: string[] } | { ok: false; message: string };

/** Reads the job's share, posts the answer, then flags it and wakes the waiting thread. */
export function readShareOf(job: ShareJob): void {
  let answer: ShareAnswer;
  try {
    const db = new Database(job.file, { readonly: true, fileMustExist: true });
    try {
      const built = new ColumnBuilder(job.arrays);
      const { posOfSeq } = job;
      scanSeqs(
        db,
        job.name,
        job.from,
        job.to,
        (seq, value) => {
          const pos = posOfSeq[seq] ?? -1;
          if (pos >= 0) built.set(pos, value);
        },
        job.batchEvents,
      );
      answer = { ok: true, dict: built.dict };
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
