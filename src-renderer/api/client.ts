import type { Api, BridgeMethods, MethodName, StrataBridge } from "../../src-preload/contract/api.ts";
import { type Envelope, StrataError } from "../../src-preload/contract/errors.ts";
import type { StrataEvent } from "../../src-preload/contract/events.ts";
import type { RequestOf, ResponseOf } from "../../src-preload/contract/method.ts";
import {
  isAnswerOf,
  type QueryKind,
  type QueryOf,
  type ResultOf,
} from "../../src-preload/contract/query-kinds.ts";

// The only reader of window.strata. Unwraps envelopes into values or StrataErrors, so views deal
// in plain results and typed failures.

declare global {
  interface Window {
    strata?: StrataBridge;
  }
}

function bridge(): StrataBridge {
  const b = window.strata;
  if (!b) throw new StrataError("internal", "Strata's bridge is missing: the page was not opened by the app");
  return b;
}

// Views save reports through call() directly; the sidebar hears about every write to saved items
// here, so its listing never goes stale whoever saved.
const SAVED_WRITES = new Set<string>(["savedCreate", "savedUpdate", "savedDuplicate", "savedDelete"]);
const savedListeners = new Set<() => void>();
// Writes into the workspace file, for the top bar's "Saving…" next to the workspace name.
const WORKSPACE_WRITES = new Set<string>([...SAVED_WRITES, "workspaceSetSettings"]);
let writesInFlight = 0;
const writeListeners = new Set<(inFlight: number) => void>();

export function onWritesInFlight(listener: (inFlight: number) => void): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

function trackWrite(delta: 1 | -1): void {
  writesInFlight += delta;
  for (const l of writeListeners) l(writesInFlight);
}

export function onSavedChange(listener: () => void): () => void {
  savedListeners.add(listener);
  return () => savedListeners.delete(listener);
}

export async function call<K extends MethodName>(
  name: K,
  request: RequestOf<Api[K]>,
): Promise<ResponseOf<Api[K]>> {
  const methods: BridgeMethods = bridge();
  const fn: BridgeMethods[K] = methods[name];
  const writes = WORKSPACE_WRITES.has(name);
  if (writes) trackWrite(1);
  let env: Envelope<ResponseOf<Api[K]>>;
  try {
    env = await fn(request);
  } finally {
    if (writes) trackWrite(-1);
  }
  if (env.ok) {
    if (SAVED_WRITES.has(name)) for (const l of savedListeners) l();
    return env.value;
  }
  throw new StrataError(env.error.code, env.error.message, env.error.details);
}

/** Runs a query; the result type follows the query's kind (checked against the answer's tag). */
export async function runQuery<K extends QueryKind>(
  query: QueryOf<K>,
  channel?: string,
  on: "laptop" | "cluster" = "laptop",
): Promise<ResultOf<K>> {
  const where = on === "cluster" ? { on } : {};
  const answer = await call(
    "queryRun",
    channel === undefined ? { query, ...where } : { query, channel, ...where },
  );
  if (!isAnswerOf(answer, query.kind))
    throw new StrataError("internal", `a ${query.kind} query was answered as ${answer.kind}`);
  return answer.result;
}

export function onEvent(listener: (e: StrataEvent) => void): () => void {
  return bridge().onEvent(listener);
}

export function isCancelled(e: unknown): boolean {
  return e instanceof StrataError && e.code === "cancelled";
}

export { StrataError };

/** The absolute path of a dropped file (Electron only; null in a browser or when unknown). */
export function pathForFile(file: File): string | null {
  const b = window.strata as (StrataBridge & { pathForFile?: (f: File) => string | null }) | undefined;
  try {
    return b?.pathForFile?.(file) ?? null;
  } catch {
    return null;
  }
}
