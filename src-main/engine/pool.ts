import os from "node:os";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { QueryKind, QueryOf, ResultOf } from "../../src-preload/contract/query-kinds.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import type { TimelineArrays } from "./columns/build.ts";
import { type CoreTimeline, joinCore, LATER_IN_WORKERS, OPEN_PARTS } from "./columns/load.ts";
import type { ArrayName } from "./columns/saved-layout.ts";
import { rangesCover, shareOf, type TimesPlan } from "./columns/times-share.ts";
import { concatenated } from "./concatenated.ts";
import type { Settings } from "./context.ts";
import { ModelBroker } from "./model-broker.ts";
import { takePrestarted } from "./prestart.ts";
import { columnsRead, valuesOnly } from "./property-names.ts";
import { startQueryThread } from "./query-thread.ts";
import { QueryWorker } from "./query-worker.ts";
import { slicedKinds } from "./sliced-kinds.ts";
import { outOfBounds } from "./typed-index.ts";
import {
  isSliceAnswer,
  isWholeAnswer,
  type JobAnswer,
  type PropsStep,
  type ToWorker,
} from "./worker-protocol.ts";

// The app's engine: query workers that stay alive between queries (starting one costs more than it
// saves on one query) over one shared timeline. Kinds that are sums over users run on interleaved
// slices in every worker at once; the rest run whole in one. A newer query cancels an older one by
// its signal: the workers see a shared flag between user chunks.

/** The times' plan, or null when it cannot be made (the workers then read the times as before). */
function planOrNull(plan: () => TimesPlan | null): TimesPlan | null {
  try {
    return plan();
  } catch {
    return null;
  }
}

/** The first user whose events start at or after `share` of all events (slices of equal work). */
export function cutAt(offsets: Int32Array, share: number): number {
  const nUsers = offsets.length - 1;
  if (share <= 0) return 0;
  if (share >= 1) return nUsers;
  const target = (offsets[nUsers] ?? outOfBounds()) * share;
  let lo = 0;
  let hi = nUsers;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid] ?? outOfBounds()) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the pool runs this query on slices of users in every worker at once (else whole in one). */
export function splitsOverWorkers<K extends QueryKind>(query: QueryOf<K>): boolean {
  const slicing = slicedKinds[query.kind];
  return slicing !== null && (slicing.splits?.(query) ?? true);
}

/**
 * The saved columns read by the workers a part each, at once (an open's time is the copying of its
 * bytes, and each worker has a core); null when they are missing or stale, or there are fewer
 * workers than parts: then the first worker opens them whole (building and saving them if need be).
 */
async function readInParts(ws: readonly QueryWorker[], plan: TimesPlan | null): Promise<CoreTimeline | null> {
  if (ws.length < OPEN_PARTS.length) return null;
  const answers = await Promise.all(
    OPEN_PARTS.map((_, part) =>
      (ws[part] ?? outOfBounds()).request({
        type: "openPart",
        part,
        ...(plan ? { times: shareOf(plan, part) } : {}),
      }),
    ),
  );
  const parts = answers.map((a) => (a.type === "part" ? a.part : null));
  if (!plan) return joinCore(parts);
  // the times are whole once the parts' chunks cover every chunk of the plan
  const read = parts.map((p) => p?.timesRead ?? null);
  const [first] = parts;
  if (
    !first ||
    read.some((r) => r === null) ||
    !rangesCover(
      read.filter((r) => r !== null),
      plan.sizes.length,
    )
  )
    return null;
  const times = {
    stamp: plan.stamp,
    eventNames: first.eventNames,
    arrays: { times: new Float64Array(plan.buffer) },
  };
  return joinCore([...parts, times]);
}

/** The timeline opened (or built and saved) whole by one worker. */
async function openWhole(worker: QueryWorker): Promise<TimelineArrays> {
  const opened = await worker.request({ type: "open" });
  if (opened.type !== "opened") throw new StrataError("internal", "query worker did not open");
  return opened.arrays;
}

function unexpected(kind: string): StrataError {
  return new StrataError("internal", `a query worker answered a ${kind} job with something else`);
}

export interface PoolOptions {
  file: string;
  /** save rebuilt columns into the workspace (false for read-only opens) */
  save: boolean;
  /** the workspace's settings now, read for each job and handed to the workers with it */
  settings: () => Settings;
  workers?: number;
  /** the arrays few queries read load on first access, in each worker apart (WorkerInit.lazy) */
  lazy?: boolean;
  /**
   * the saved times' plan for the workers' read in parts, from the main thread's connection
   * (times-share.ts), given the arrays read later; absent or null: one worker reads the times
   */
  planTimes?: (later: readonly ArrayName[]) => TimesPlan | null;
}

export class WorkerPool {
  private readonly opts: PoolOptions;
  private workers: QueryWorker[] = [];
  private ready: Promise<{ offsets: Int32Array; workers: QueryWorker[] }> | null = null;
  private nextId = 1;
  private shared = 0;
  private valuesSaved = 0;
  /** columns being shared, by property name: what a concurrent query waits for */
  private readonly sharing = new Map<string, Promise<void>>();
  private turn = 0;
  /** propensity models: each trained once by one worker, handed to the others */
  private readonly models = new ModelBroker();
  /** how the running workers got their timeline: a part of the saved columns each, or whole by one */
  opened: "in parts" | "whole" | null = null;

  constructor(opts: PoolOptions) {
    this.opts = opts;
  }

  /** Starts the workers and shares the timeline; resolves to them and its user offsets. */
  private start(): Promise<{ offsets: Int32Array; workers: QueryWorker[] }> {
    if (!this.ready) {
      const count = Math.max(1, Math.min(this.opts.workers ?? 2, os.availableParallelism()));
      const { file, save } = this.opts;
      const lazy = this.opts.lazy ?? false;
      const ws = Array.from(
        { length: count },
        () =>
          new QueryWorker(
            takePrestarted(file, save, lazy) ?? startQueryThread(file, save, lazy),
            this.models,
          ),
      );
      this.workers = ws;
      const ready = (async () => {
        try {
          // planned here while the workers start (the layout's read is 5-50 ms, their start ~0.1 s)
          const plan = planOrNull(
            () => this.opts.planTimes?.(this.opts.lazy ? LATER_IN_WORKERS : []) ?? null,
          );
          const read = await readInParts(ws, plan);
          const arrays = read ?? (await openWhole(ws[0] ?? outOfBounds()));
          // a worker that opened the timeline whole holds it already; readers of a part do not
          await Promise.all((read ? ws : ws.slice(1)).map((w) => w.request({ type: "attach", arrays })));
          this.opened = read ? "in parts" : "whole";
          return { offsets: arrays.userOffsets, workers: ws };
        } catch (e) {
          // the next query starts fresh workers instead of reusing a failed start
          if (this.workers === ws) {
            this.workers = [];
            this.ready = null;
          }
          void Promise.all(ws.map((w) => w.terminate("the query workers failed to start")));
          throw e;
        }
      })();
      this.ready = ready;
    }
    return this.ready;
  }

  /**
   * Starts the workers and their read of the columns before the first query. A failure waits for
   * that query, which starts them again and meets it there.
   */
  startNow(): void {
    this.start().catch(() => {});
  }

  run<K extends QueryKind>(query: QueryOf<K>, signal?: AbortSignal): Promise<ResultOf<K>> {
    const slicing = slicedKinds[query.kind];
    const settings = this.opts.settings();
    const split = splitsOverWorkers(query);
    return this.dispatch(
      split,
      (id, slice) => ({ type: "run", id, query, slice, settings }),
      (answers) => {
        const [first] = answers;
        if (answers.length === 1 && first && isWholeAnswer(first, query.kind)) return first.value;
        if (!slicing) throw unexpected(query.kind);
        return slicing.merge(
          query,
          answers.map((a) => {
            if (!isSliceAnswer(a, query.kind)) throw unexpected(query.kind);
            return a.value;
          }),
        );
      },
      signal,
      split ? (workers) => this.shareColumns(workers, columnsRead(query), valuesOnly(query)) : undefined,
    );
  }

  /** The segment's members' users.id, ascending: each worker answers its slice, in slice order. */
  memberIds(segment: Segment, signal?: AbortSignal, timezone?: string): Promise<Int32Array> {
    // the workers read the zone from the settings when no query names one (makeContext)
    const settings = timezone ? { ...this.opts.settings(), timezone } : this.opts.settings();
    return this.dispatch(
      true,
      (id, slice) => ({ type: "members", id, segment, slice, settings }),
      (answers) => {
        const parts = answers.map((a) => {
          if (a.kind !== "members") throw unexpected("members");
          return a.ids;
        });
        return concatenated((n) => new Int32Array(n), parts);
      },
      signal,
    );
  }

  /**
   * Before a query split over the workers: the saved columns of the event properties it names that
   * the workers do not hold yet, read by all of them at once into memory they share (each used to
   * read a whole copy); a worker that holds one already keeps its own. A column another query is
   * sharing already is waited for, not read again.
   * A column not saved is built by one worker (saved when it may write), and the others adopt the
   * shared memory it was built in. A step that failed or threw leaves each worker to read or build
   * its own, as before. Of the
   * properties in `values` (read only where events have a value) the column is shared only while
   * those values are not saved: the workers then take them from it.
   */
  private async shareColumns(
    workers: readonly QueryWorker[],
    names: string[],
    values: string[],
  ): Promise<void> {
    const waiting = names.flatMap((name) => this.sharing.get(name) ?? []);
    const fresh = names.filter((name) => !this.sharing.has(name));
    if (fresh.length > 0) {
      const shared = this.shareFresh(workers, fresh, values).finally(() => {
        for (const name of fresh) if (this.sharing.get(name) === shared) this.sharing.delete(name);
      });
      for (const name of fresh) this.sharing.set(name, shared);
      waiting.push(shared);
    }
    await Promise.all(waiting);
  }

  private async shareFresh(
    workers: readonly QueryWorker[],
    names: string[],
    values: string[],
  ): Promise<void> {
    const [first] = workers;
    if (!first || workers.length < 2) return;
    const step = async (w: QueryWorker, s: PropsStep) => {
      const a = await w.send({ type: "props", id: this.nextId++, step: s });
      if (a.kind !== "props") throw unexpected("props");
      return a;
    };
    try {
      // a column one worker read for a query it ran whole is still shared with the others
      const held = await Promise.all(workers.map((w) => step(w, { do: "held", names })));
      const lacking = names.filter((name) => held.some((h) => !h.held?.includes(name)));
      if (lacking.length === 0) return;
      let saved = (await step(first, { do: "plan", names: lacking, values })).plans;
      // a column not saved is built by one worker (two threads for a large one), not by each: by one
      // that holds them all already, if any does
      const unsaved = lacking.filter((name) => !saved.some((plan) => plan.name === name));
      const holder = held.findIndex((h) => unsaved.every((name) => h.held?.includes(name)));
      const builder = workers[holder] ?? first;
      const built =
        unsaved.length > 0 ? (await step(builder, { do: "build", names: unsaved, values })).plans : [];
      const of = workers.length;
      if (saved.length > 0) {
        const reads = await Promise.all(
          workers.map((w, share) => step(w, { do: "read", plans: saved, share, of })),
        );
        // the built ones are still shared: every worker would build them again
        if (!reads.every((r) => r.ok)) saved = [];
      }
      const plans = [...saved, ...built];
      if (plans.length === 0) return;
      const adopted = await Promise.all(workers.map((w) => step(w, { do: "adopt", plans })));
      if (!adopted.every((a) => a.ok)) return;
      this.shared += plans.length;
      // values the query reads only where events have one, not saved yet (else they were not
      // planned): one worker takes them from the shared column and saves them, and every worker then
      // reads its query's from the workspace (when saving fails, each takes them for itself)
      const taking = plans.map((plan) => plan.name).filter((name) => values.includes(name));
      if (taking.length > 0 && (await step(first, { do: "values", names: taking })).ok)
        this.valuesSaved += taking.length;
    } catch {
      // each worker reads the columns it needs for itself, as before; a dead worker fails the query
    }
  }

  /**
   * Runs one job: on contiguous slices of users in every worker when `split` (slices of equal
   * work, ascending), else whole in the next worker; `merge` combines the answers in slice order;
   * `prepare` runs on the started workers first.
   */
  private async dispatch<T>(
    split: boolean,
    message: (id: number, slice: [number, number] | null) => Extract<ToWorker, { id: number }>,
    merge: (answers: JobAnswer[]) => T,
    signal?: AbortSignal,
    prepare?: (workers: readonly QueryWorker[]) => Promise<void>,
  ): Promise<T> {
    if (this.workers.some((w) => w.dead)) await this.reset();
    const { offsets, workers } = await this.start();
    const changed = () => new StrataError("cancelled", "the workspace changed while the query ran");
    if (workers !== this.workers) throw changed();
    if (prepare && !signal?.aborted) {
      await prepare(workers);
      if (workers !== this.workers) throw changed();
    }
    if (signal?.aborted) throw new StrataError("cancelled", "the query was cancelled by a newer one");
    const id = this.nextId++;
    const parts: [QueryWorker, Promise<JobAnswer>][] = [];
    if (split && workers.length > 1) {
      const k = workers.length;
      const cuts = Array.from({ length: k + 1 }, (_, i) => cutAt(offsets, i / k));
      workers.forEach((w, i) => {
        parts.push([w, w.send(message(id, [cuts[i] ?? outOfBounds(), cuts[i + 1] ?? outOfBounds()]))]);
      });
    } else {
      const queryWorker = workers[this.turn++ % workers.length] ?? outOfBounds();
      parts.push([queryWorker, queryWorker.send(message(id, null))]);
    }
    const onAbort = () => {
      for (const [w] of parts) w.stop(id);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const values = await Promise.all(parts.map(([, p]) => p));
      if (signal?.aborted) throw new StrataError("cancelled", "the query was cancelled by a newer one");
      return merge(values);
    } catch (err) {
      if (signal?.aborted) throw new StrataError("cancelled", "the query was cancelled by a newer one");
      throw err;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /** For tests: makes every worker thread end as a crash would. */
  crashWorkers(): void {
    for (const w of this.workers) w.crash();
  }

  /** For tests: how many property columns the workers have read into shared memory since the pool started. */
  get columnsShared(): number {
    return this.shared;
  }

  /** For tests: how many property columns the started workers have built from the events' JSON. */
  async columnsBuiltFromEvents(): Promise<number> {
    const answers = await Promise.all(
      this.workers.map((w) => w.send({ type: "props", id: this.nextId++, step: { do: "held", names: [] } })),
    );
    return answers.reduce((sum, a) => sum + (a.kind === "props" ? (a.built ?? 0) : 0), 0);
  }

  /** For tests: how many properties' values a worker has saved for the others before a query. */
  get valuesSavedFirst(): number {
    return this.valuesSaved;
  }

  /** For tests: how many propensity models the workers have fitted since the pool started. */
  get modelsFitted(): number {
    return this.models.fitted;
  }

  /** The events changed: the next query reopens the timeline. */
  async reset(): Promise<void> {
    const old = this.workers;
    this.workers = [];
    this.ready = null;
    this.opened = null;
    this.models.clear();
    await Promise.all(old.map((w) => w.terminate("the workspace changed while the query ran")));
  }
}
