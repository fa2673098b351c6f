import { AsyncLocalStorage } from "node:async_hooks";
import { StrataError } from "../../src-preload/contract/errors.ts";

// Error parity with the local engine (engine/columns/timeline.ts requireKnown, issue 14): a
// property name no event (or user) carries is refused with the same invalid_request, never
// answered as a column of missing values. The compilers note each name they write into SQL
// (noteProperty); before any SQL is sent, the names noted so far are checked against the known
// ones, read once per query (from the workspace, or from the cluster's key arrays when there is no
// workspace). A query whose SQL names an unknown property therefore never runs.

export type Scope = "event" | "user";
export type KnownNames = (scope: Scope) => Promise<ReadonlySet<string>>;

interface Collector {
  pending: [Scope, string][];
}

const store = new AsyncLocalStorage<Collector>();

/** Records that the SQL being compiled reads property `name` of `scope`. */
export function noteProperty(scope: Scope, name: string): void {
  store.getStore()?.pending.push([scope, name]);
}

/** The local engine's message (timeline.ts), so both engines say the same. */
export function unknownPropertyError(scope: Scope, name: string, names: ReadonlySet<string>): StrataError {
  const sorted = [...names].sort();
  const shown = sorted.slice(0, 30).map((n) => JSON.stringify(n));
  const more = sorted.length > shown.length ? `, and ${sorted.length - shown.length} more` : "";
  const what = scope === "event" ? "event property" : "user attribute";
  return new StrataError(
    "invalid_request",
    sorted.length === 0
      ? `unknown ${what} ${JSON.stringify(name)}: the workspace has no ${scope === "event" ? "event properties" : "user attributes"}`
      : `unknown ${what} ${JSON.stringify(name)}; known: ${shown.join(", ")}${more}`,
  );
}

/**
 * Runs `fn` noting property names; `beforeSend` (called by the client wrapper before each request)
 * throws for the first unknown one noted so far.
 */
export function checkingProperties(known: KnownNames) {
  const collector: Collector = { pending: [] };
  const cache = new Map<Scope, ReadonlySet<string>>();
  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      return store.run(collector, fn);
    },
    async beforeSend(): Promise<void> {
      for (let next = collector.pending.shift(); next; next = collector.pending.shift()) {
        const [scope, name] = next;
        let names = cache.get(scope);
        if (!names) {
          names = await known(scope);
          cache.set(scope, names);
        }
        if (!names.has(name)) throw unknownPropertyError(scope, name, names);
      }
    },
  };
}
