import { z } from "zod";
import { method } from "../method.ts";
import { Query, type QueryAnswer } from "../query-kinds.ts";

// `on: "cluster"` runs it on the workspace's ClickHouse cluster (Settings -> Cluster), same JSON.
// `channel` names a place in the UI (the builder's live count, the funnel chart); a newer query on the
// same channel cancels the one still running there. The answer carries the query's kind, which the
// renderer's client checks before typing the result by it (query-kinds.ts).
export const queryMethods = {
  queryRun: method<QueryAnswer>()(
    z.strictObject({
      query: Query,
      channel: z.string().min(1).max(100).optional(),
      /** where it runs: the local engine (default) or the workspace's connected cluster */
      on: z.enum(["laptop", "cluster"]).optional(),
    }),
  ),
  queryCancel: method<null>()(z.strictObject({ channel: z.string().min(1) })),
};
