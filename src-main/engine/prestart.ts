import { type QueryThread, startQueryThread } from "./query-thread.ts";

// Query workers started before the pool that will use them exists: a one-shot `strata query` on a
// large workspace starts its two as its first step, so that their start (an isolate, the worker
// bundle, better-sqlite3, a connection: ~0.1 s) runs beside the main thread's own (the command's
// modules, the open, the checks) instead of after it (docs/query-path.md, "Workers started ahead").
// The pool takes them when it starts for the same file with the same options; whatever is not
// taken is ended by dropPrestarted, which the command calls on every way out.

interface Waiting {
  readonly file: string;
  readonly save: boolean;
  readonly lazy: boolean;
  readonly threads: QueryThread[];
}

let waiting: Waiting | null = null;

/** Starts `count` query threads for a pool on `file` with these options (replacing any waiting). */
export function prestartQueryWorkers(
  file: string,
  count: number,
  save: boolean,
  lazy: boolean,
): readonly QueryThread[] {
  void dropPrestarted();
  const threads = Array.from({ length: count }, () => startQueryThread(file, save, lazy));
  waiting = { file, save, lazy, threads: threads.slice() };
  return threads;
}

/** A thread started ahead for this file and these options, once each; else null. */
export function takePrestarted(file: string, save: boolean, lazy: boolean): QueryThread | null {
  if (!waiting || waiting.file !== file || waiting.save !== save || waiting.lazy !== lazy) return null;
  const thread = waiting.threads.shift() ?? null;
  if (waiting.threads.length === 0) waiting = null;
  return thread;
}

/** Ends the threads no pool took, each once it has booted (an end inside its boot would abort the process). */
export async function dropPrestarted(): Promise<void> {
  const left = waiting?.threads ?? [];
  waiting = null;
  await Promise.all(
    left.map(async (t) => {
      await t.booted;
      await t.worker.terminate();
    }),
  );
}
