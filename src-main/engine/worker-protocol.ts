import type { StrataErrorData } from "../../src-preload/contract/errors.ts";
import type { Query } from "../../src-preload/contract/queries.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import type { TimelineArrays } from "./columns/build.ts";

// Messages between the engine (main thread) and its query workers. The timeline's arrays live in
// SharedArrayBuffers: loaded once by the first worker, then handed to the others without a copy.

export interface WorkerInit {
  file: string;
  /** save rebuilt timelines and loaded property columns into the workspace */
  save: boolean;
  /** shared flag: a worker stops the job whose id is stored here */
  cancel: SharedArrayBuffer;
}

export type ToWorker =
  | { type: "open" }
  | { type: "attach"; arrays: TimelineArrays }
  | { type: "run"; id: number; query: Query; slice: [number, number] | null }
  /** the users.id of a segment's members in the slice; answered by a transferred Int32Array */
  | { type: "members"; id: number; segment: Segment; slice: [number, number] | null }
  /** ends the thread as a crash would: tests check that the pool recovers */
  | { type: "exit" };

export type FromWorker =
  | { type: "opened"; arrays: TimelineArrays }
  | { type: "attached" }
  /** "open" or "attach" failed: the worker has no timeline */
  | { type: "failed"; error: StrataErrorData }
  | { type: "result"; id: number; value: unknown }
  | { type: "error"; id: number; error: StrataErrorData };
