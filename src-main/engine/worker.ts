import { parentPort, workerData } from "node:worker_threads";
import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { QueryKind, QueryOf } from "../../src-preload/contract/query-kinds.ts";
import { openConnection } from "../db/connection.ts";
import { buildArrays, type TimelineArrays } from "./columns/build.ts";
import {
  LATER_IN_WORKERS,
  loadColumns,
  loadPart,
  OPEN_PARTS,
  ownArrays,
  withRarely,
} from "./columns/load.ts";
import { warnColumnsNotSaved, writeColumns } from "./columns/save.ts";
import type { SavedMeta } from "./columns/saved-layout.ts";
import { planOfBuilt, planSharedProp, readShare, sharedColumn } from "./columns/shared-prop.ts";
import { valuesSaved } from "./columns/sparse-store.ts";
import { ArrayTimeline } from "./columns/timeline.ts";
import { type EngineContext, makeContext } from "./context.ts";
import { runKind } from "./kinds.ts";
import { memberIdsOf } from "./members.ts";
import { shareModelsThrough, type TrainedModel } from "./propensity/share.ts";
import { evalSegment } from "./segment.ts";
import { slicedKinds } from "./sliced-kinds.ts";
import {
  type FromWorker,
  isSliceAnswer,
  type JobAnswer,
  type PropsStep,
  type ToWorker,
  type WorkerInit,
} from "./worker-protocol.ts";

// A query worker: its own read-only connection (saved segments, lazy property columns), the shared
// timeline, and one job at a time. Cancellation is a shared flag checked between user chunks.

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error("the query worker must run in a worker thread");
const cancel = new Int32Array(init.cancel);
const db = openConnection(init.file, "queryWorker", { readonly: true });
port.postMessage({ type: "booted" } satisfies FromWorker);
let tl: ArrayTimeline | null = null;
// the saved layout the main thread planned the open's shared times from: the attach's own reads
// use it instead of visiting every row of the layout again (savedMetaAsKnown)
let planned: SavedMeta | undefined;
let writer: Database.Database | null = null;

/** A writable connection for saving columns, opened on first need; null when saving is off or fails. */
function writable(): Database.Database | null {
  if (!init.save) return null;
  if (!writer) {
    try {
      writer = openConnection(init.file, "queryWorker");
    } catch {
      return null;
    }
  }
  return writer;
}

function toShared(a: TimelineArrays): TimelineArrays {
  const share = <T extends Int32Array | Uint16Array | Float64Array>(x: T): T => {
    if (x.buffer instanceof SharedArrayBuffer) return x;
    const sab = new SharedArrayBuffer(x.byteLength);
    new Uint8Array(sab).set(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
    return new (x.constructor as new (b: SharedArrayBuffer) => T)(sab);
  };
  return {
    ...a,
    userOffsets: share(a.userOffsets),
    eventCodes: share(a.eventCodes),
    times: share(a.times),
    seqs: share(a.seqs),
    userIds: share(a.userIds),
    createdAt: share(a.createdAt),
  };
}

/** Saved columns when current; else built, and saved when the workspace may be written. */
function open(): TimelineArrays {
  const saved = loadColumns(db, true);
  if (saved) return saved;
  const built = buildArrays(db);
  const w = writable();
  if (w) {
    try {
      writeColumns(w, built);
    } catch (e) {
      // e.g. another writer holds the file: the columns are rebuilt next time
      warnColumnsNotSaved(e);
    }
  }
  return toShared(built);
}

/**
 * Claims waiting for the pool's answer, by model key, oldest first (the pool answers a key's claims
 * in the order they came; two are rare, when a thread's cache dropped a model still in training).
 */
const claims = new Map<string, ((trained: TrainedModel | null) => void)[]>();
shareModelsThrough({
  claim: (key) =>
    new Promise((resolve) => {
      const waiting = claims.get(key);
      if (waiting) waiting.push(resolve);
      else claims.set(key, [resolve]);
      post({ type: "modelClaim", key });
    }),
  done: (key, trained) => post({ type: "modelDone", key, trained }),
});

function signalFor(id: number): AbortSignal {
  const ctl = new AbortController();
  const sig = ctl.signal;
  Object.defineProperty(sig, "throwIfAborted", {
    value: () => {
      if (Atomics.load(cancel, 0) === id) ctl.abort(new StrataError("cancelled", "the query was cancelled"));
      AbortSignal.prototype.throwIfAborted.call(sig);
    },
  });
  return sig;
}

/**
 * A funnel slice's seconds-to-convert arrays, an rfm slice's values, a revenue slice's paying
 * events, a sessions slice's lengths and a trends slice's first hits and single-value users' counts
 * move to the main thread instead of being copied.
 */
function transferable(answer: JobAnswer): ArrayBuffer[] {
  if (answer.kind === "members") return [answer.ids.buffer];
  if (answer.kind === "props") return [];
  if (isSliceAnswer(answer, "rfm")) {
    const { users, recencyDays, frequency, monetary } = answer.value;
    return movable([users, recencyDays, frequency, monetary]);
  }
  if (isSliceAnswer(answer, "revenue")) {
    const { values, periods, cohorts } = answer.value;
    return movable([values, periods, cohorts]);
  }
  if (isSliceAnswer(answer, "sessions"))
    return movable([...answer.value.lengths, ...answer.value.userDaySeconds]);
  if (isSliceAnswer(answer, "trends")) {
    const { cur, prev } = answer.value;
    const scans = [cur, ...(prev ? [prev] : [])].flatMap((span) => span.scans);
    // a breakdown by a property of many values has counts for each value met by its own users
    const single = scans.flatMap((s) => s.single ?? []).flatMap((c) => (c ? [c.users, c.newUsers] : []));
    return movable([...scans.flatMap((s) => s.hits ?? []), ...single]);
  }
  if (!isSliceAnswer(answer, "funnel")) return [];
  const partial = answer.value;
  return movable([partial.total, ...partial.groups.map(([, x]) => x)].flatMap((g) => g.diffs.flat()));
}

/**
 * The buffers of arrays that may be transferred: their own (not shared), and not empty. A view's
 * whole buffer counts, even when the view is empty: a clone would copy all of it.
 */
function movable(arrays: readonly ArrayBufferView[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer && a.buffer.byteLength > 0) out.add(a.buffer);
  return [...out];
}

/** One step of reading property columns into memory every worker shares (worker-protocol.ts PropsStep). */
function propsStep(timeline: ArrayTimeline, step: PropsStep): JobAnswer {
  if (step.do === "held")
    return {
      kind: "props",
      plans: [],
      ok: true,
      held: step.names.filter((n) => timeline.holdsPropColumn(n)),
      built: timeline.columnsBuilt,
    };
  if (step.do === "plan") {
    const plans = step.names
      .filter((name) => timeline.hasProperty("event", name))
      .filter((name) => !step.values.includes(name) || !valuesSaved(db, name, timeline.stamp))
      .map((name) => planSharedProp(db, name, timeline.stamp))
      .filter((plan) => plan !== null);
    return { kind: "props", plans, ok: true };
  }
  if (step.do === "build") {
    // built (and saved, when this worker may write) here; the others adopt those in shared memory,
    // unless the query reads only values that are saved now
    const valuesReady = (name: string) => step.values.includes(name) && valuesSaved(db, name, timeline.stamp);
    const plans = step.names
      .filter((name) => timeline.hasProperty("event", name) && !valuesReady(name))
      .map((name) => planOfBuilt(name, timeline.stamp, timeline.propColumn(name)))
      .filter((plan) => plan !== null)
      .filter((plan) => !valuesReady(plan.name));
    return { kind: "props", plans, ok: true };
  }
  if (step.do === "values")
    return { kind: "props", plans: [], ok: step.names.every((name) => timeline.saveValuesOf(name)) };
  if (step.do === "read")
    return {
      kind: "props",
      plans: [],
      ok: step.plans.every((plan) => readShare(db, plan, step.share, step.of)),
    };
  const adopted = step.plans.map((plan) =>
    timeline.adoptPropColumn(plan.name, plan.stamp, sharedColumn(plan)),
  );
  return { kind: "props", plans: [], ok: adopted.every(Boolean) };
}

/** Runs a query whole, or its slice's share when the context covers a slice of users. */
async function answerQuery<K extends QueryKind>(
  ctx: EngineContext,
  query: QueryOf<K>,
  sliced: boolean,
): Promise<JobAnswer> {
  const slicing = slicedKinds[query.kind];
  if (sliced && slicing) return { kind: query.kind, whole: false, value: await slicing.slice(ctx, query) };
  return { kind: query.kind, whole: true, value: await runKind(ctx, query) };
}

function post(m: FromWorker): void {
  port?.postMessage(m);
}

function asStrataError(e: unknown, code: "internal" | "cancelled" = "internal"): StrataError {
  return e instanceof StrataError ? e : new StrataError(code, e instanceof Error ? e.message : String(e));
}

/** Why the timeline could not be opened, naming the workspace (SQLite's damage reports as "corrupt"). */
function openFailure(e: unknown): StrataError {
  if (e instanceof StrataError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  const damaged = typeof code === "string" && (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB");
  return new StrataError(damaged ? "corrupt" : "internal", `cannot read the events of ${init.file}: ${msg}`);
}

port.on("message", async (message: ToWorker) => {
  if (message.type === "exit") process.exit(1);
  if (message.type === "model") {
    const waiting = claims.get(message.key);
    const resolve = waiting?.shift();
    if (waiting?.length === 0) claims.delete(message.key);
    resolve?.(message.trained);
    return;
  }
  if (message.type === "openPart") {
    try {
      const names = OPEN_PARTS[message.part] ?? [];
      planned = message.times?.meta;
      const part = loadPart(
        db,
        message.times ? names.filter((name) => name !== "times") : names,
        true,
        init.lazy ? LATER_IN_WORKERS : [],
        undefined,
        message.times,
      );
      post({ type: "part", part: part && ownArrays(part) });
    } catch (error) {
      post({ type: "failed", error: openFailure(error).toData() });
    }
    return;
  }
  if (message.type === "open" || message.type === "attach") {
    // never let a failure escape the listener: the pool would wait for an answer forever
    try {
      if (message.type === "open") {
        const arrays = open();
        tl = new ArrayTimeline(db, arrays, writable());
        post({ type: "opened", arrays });
      } else {
        const arrays = withRarely(db, message.arrays, planned);
        if (!arrays) throw new StrataError("cancelled", "the workspace changed while the workers opened it");
        tl = new ArrayTimeline(db, arrays, writable());
        post({ type: "attached" });
      }
    } catch (error) {
      tl = null;
      post({ type: "failed", error: openFailure(error).toData() });
    }
    return;
  }
  try {
    if (!tl) throw new StrataError("internal", "the query worker has no timeline");
    if (message.type === "props") {
      post({ type: "result", id: message.id, answer: propsStep(tl, message.step) });
      return;
    }
    const signal = signalFor(message.id);
    const ctx = makeContext(tl, db, message.settings, message.type === "run" ? message.query : {}, signal);
    if (message.slice) {
      ctx.u0 = message.slice[0];
      ctx.u1 = message.slice[1];
    }
    const answer: JobAnswer =
      message.type === "members"
        ? { kind: "members", ids: memberIdsOf(ctx, await evalSegment(ctx, message.segment)) }
        : await answerQuery(ctx, message.query, message.slice !== null);
    port.postMessage({ type: "result", id: message.id, answer } satisfies FromWorker, transferable(answer));
  } catch (caught) {
    const cancelled = Atomics.load(cancel, 0) === message.id;
    const err = asStrataError(caught, cancelled ? "cancelled" : "internal");
    post({
      type: "error",
      id: message.id,
      error: (cancelled ? new StrataError("cancelled", "the query was cancelled") : err).toData(),
    });
  }
});
