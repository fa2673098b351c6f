import { StrataError } from "../../src-preload/contract/errors.ts";
import type { QueryKind, QueryOf, ResultOf } from "../../src-preload/contract/query-kinds.ts";

// How an engine answers the registered query kinds (src-preload/contract/query-kinds.ts), one entry
// per kind. The local engine's table (kinds.ts) is an ExactKindTable: every kind answered exactly, which
// its type proves. Another engine (a ClickHouse cluster) fills a KindTable, where a kind it cannot
// answer exactly says so: "approximate" with what differs, or "unsupported" with why.

/** One kind's engine function over the engine's own context (a timeline slice, a SQL connection). */
export type KindRunner<K extends QueryKind, Ctx> = (ctx: Ctx, query: QueryOf<K>) => Promise<ResultOf<K>>;

export type KindImplementation<K extends QueryKind, Ctx> =
  | { support: "exact"; run: KindRunner<K, Ctx> }
  | { support: "approximate"; run: KindRunner<K, Ctx>; approximation: string }
  | { support: "unsupported"; reason: string };

export type KindTable<Ctx> = { [K in QueryKind]: KindImplementation<K, Ctx> };
export type ExactKindTable<Ctx> = { [K in QueryKind]: { support: "exact"; run: KindRunner<K, Ctx> } };

export function exact<K extends QueryKind, Ctx>(
  run: KindRunner<K, Ctx>,
): { support: "exact"; run: KindRunner<K, Ctx> } {
  return { support: "exact", run };
}

/** An answer from an engine that may approximate: the result, and what differs from the exact one. */
export type EngineAnswer<K extends QueryKind> =
  | { exact: true; result: ResultOf<K> }
  | { exact: false; result: ResultOf<K>; approximation: string };

/** Runs a query on a table that may approximate or lack kinds; an unsupported kind is a clear error. */
export async function answerKind<K extends QueryKind, Ctx>(
  table: KindTable<Ctx>,
  ctx: Ctx,
  query: QueryOf<K>,
): Promise<EngineAnswer<K>> {
  const impl: KindImplementation<K, Ctx> = table[query.kind];
  if (impl.support === "unsupported")
    throw new StrataError(
      "invalid_request",
      `this engine cannot answer ${query.kind} queries: ${impl.reason}`,
    );
  const result = await impl.run(ctx, query);
  return impl.support === "exact"
    ? { exact: true, result }
    : { exact: false, result, approximation: impl.approximation };
}
