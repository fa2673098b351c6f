import type { StrataErrorData } from "../../src-preload/contract/errors.ts";
import type { Query, QueryKind, ResultOf } from "../../src-preload/contract/query-kinds.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import type { TimelineArrays } from "./columns/build.ts";
import type { ColumnPart, CoreTimeline } from "./columns/load.ts";
import type { SharedPropPlan } from "./columns/shared-prop.ts";
import type { TimesShare } from "./columns/times-share.ts";
import type { Settings } from "./context.ts";
import type { TrainedModel } from "./propensity/share.ts";
import type { SlicePartials } from "./sliced-kinds.ts";

// Messages between the engine (main thread) and its query workers. The timeline's arrays live in
// SharedArrayBuffers: read by the workers a part each (or built by the first), then handed to all of
// them without a copy.

export interface WorkerInit {
  file: string;
  /** save rebuilt timelines and loaded property columns into the workspace */
  save: boolean;
  /** shared flag: a worker stops the job whose id is stored here */
  cancel: SharedArrayBuffer;
  /**
   * the arrays few queries read (load.ts LATER_IN_WORKERS) stay out of the parts read at the open:
   * each worker loads them for itself on first access
   */
  lazy: boolean;
}

export type ToWorker =
  | { type: "open" }
  /**
   * read part `part` of the saved columns (load.ts OPEN_PARTS); with `times`, the part's times are
   * those chunks, decoded into the shared array (times-share.ts); answered by "part"
   */
  | { type: "openPart"; part: number; times?: TimesShare }
  | { type: "attach"; arrays: CoreTimeline }
  /**
   * a query, whole (slice null) or on the users [from, to), with the workspace's settings as the
   * pool read them (a worker never loads the schemas that reading them validates with)
   */
  | { type: "run"; id: number; query: Query; slice: [number, number] | null; settings: Settings }
  /** the users.id of a segment's members in the slice; answered by a transferred Int32Array */
  | { type: "members"; id: number; segment: Segment; slice: [number, number] | null; settings: Settings }
  /** a step of reading event property columns into shared memory (columns/shared-prop.ts) */
  | { type: "props"; id: number; step: PropsStep }
  /** the answer to a "modelClaim": the fitted model, or null: this worker trains it */
  | { type: "model"; key: string; trained: TrainedModel | null }
  /** ends the thread as a crash would: tests check that the pool recovers */
  | { type: "exit" };

/**
 * Shared property columns, in steps: every worker says which of the columns it holds; one worker
 * plans those it can of the rest (saved, current), and one builds the others in shared memory;
 * every worker reads its share of each saved one, and once every share is read each adopts them
 * all; last, one worker saves the values of those the query reads only where events have one.
 */
export type PropsStep =
  | { do: "held"; names: string[] }
  /** `values`: names read only where events have a value, planned only while those are not saved */
  | { do: "plan"; names: string[]; values: string[] }
  /**
   * for columns not saved: one worker builds them (saving them when it may), and answers with those
   * built in shared memory, which the others adopt without reading (`values` as for "plan")
   */
  | { do: "build"; names: string[]; values: string[] }
  | { do: "read"; plans: SharedPropPlan[]; share: number; of: number }
  | { do: "adopt"; plans: SharedPropPlan[] }
  /** after adopting: one worker takes these properties' values from the columns and saves them */
  | { do: "values"; names: string[] };

/** A query's whole result, or one slice's share of it, tagged with the query's kind. */
export interface WholeAnswer<K extends QueryKind = QueryKind> {
  kind: K;
  whole: true;
  value: ResultOf<K>;
}
export interface SliceAnswer<K extends QueryKind = QueryKind> {
  kind: K;
  whole: false;
  value: SlicePartials[K];
}
export type JobAnswer =
  | WholeAnswer
  | SliceAnswer
  | { kind: "members"; ids: Int32Array<ArrayBuffer> }
  /**
   * a props step's plans (the plan step), whether every share was read or column adopted, and the
   * columns the worker holds and how many it built from the events (the held step)
   */
  | { kind: "props"; plans: SharedPropPlan[]; ok: boolean; held?: string[]; built?: number };

export type FromWorker =
  /** the thread has loaded its native modules (its connection is open): it may be terminated now */
  | { type: "booted" }
  | { type: "opened"; arrays: TimelineArrays }
  /** the part's arrays, or null: the saved columns are missing or stale (the first worker builds them) */
  | { type: "part"; part: ColumnPart | null }
  | { type: "attached" }
  /** "open" or "attach" failed: the worker has no timeline */
  | { type: "failed"; error: StrataErrorData }
  | { type: "result"; id: number; answer: JobAnswer }
  /** a propensity model is needed (see propensity/share.ts and model-broker.ts) */
  | { type: "modelClaim"; key: string }
  /** the claimed model is fitted, or (null) its training failed */
  | { type: "modelDone"; key: string; trained: TrainedModel | null }
  | { type: "error"; id: number; error: StrataErrorData };

export function isWholeAnswer<K extends QueryKind>(a: JobAnswer, kind: K): a is WholeAnswer<K> {
  return a.kind === kind && "whole" in a && a.whole;
}

export function isSliceAnswer<K extends QueryKind>(a: JobAnswer, kind: K): a is SliceAnswer<K> {
  return a.kind === kind && "whole" in a && !a.whole;
}
