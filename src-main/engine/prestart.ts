import { type QueryThread, startQueryThread, stopThread } from "./query-thread.ts";

// Query workers started before the pool that will use them exists: a one-shot `strata query` on a
// large workspace starts its two as its first step, so that their start (an isolate, the worker
// bundle, better-sqlite3, a connection: ~0.1 s) runs beside the main thread's own (the command's
// modules, the open, the checks) instead of after it (docs/query-path.md, "Workers started ahead").
// The pool takes them when it starts for the same file with the same options; whatever is not
// taken is ended by dropPrestarted, which the CLI calls once its command is done, however it ends.

interface Waiting {
  readonly file: string;
  readonly save: boolean;
  readonly lazy: boolean;
  readonly threads: QueryThread[];
}

let waiting: Waiting | null = null;

/**
 * Starts `count` query threads for a pool on `file` with these options (ending any still waiting).
 * Each is registered as it starts: if starting one throws, those before it are still ended by
 * dropPrestarted.
 */
export function prestartQueryWorkers(
  file: string,
  count: number,
  save: boolean,
  lazy: boolean,
): readonly QueryThread[] {
  void dropPrestarted();
  const threads: QueryThread[] = [];
  waiting = { file, save, lazy, threads };
  for (let i = 0; i < count; i++) threads.push(startQueryThread(file, save, lazy));
  return threads.slice();
}

/**
 * A thread started ahead for this file and these options, once each; else null. One that has
 * already ended (its connection refused, say) is not handed over: the pool starts a thread of its
 * own, whose open meets the file as it is now.
 */
export function takePrestarted(file: string, save: boolean, lazy: boolean): QueryThread | null {
  if (!waiting || waiting.file !== file || waiting.save !== save || waiting.lazy !== lazy) return null;
  const thread = waiting.threads.shift() ?? null;
  if (waiting.threads.length === 0) waiting = null;
  return thread && thread.exitCode() === null ? thread : null;
}

/** Ends the threads no pool took, each once it has booted (query-thread.ts stopThread). */
export async function dropPrestarted(): Promise<void> {
  const left = waiting?.threads.splice(0) ?? [];
  waiting = null;
  await Promise.all(left.map(stopThread));
}
