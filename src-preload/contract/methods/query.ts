import { z } from "zod";
import { method } from "../method.ts";
import { Query } from "../queries.ts";
import type { QueryResults } from "../results.ts";

// `channel` names a place in the UI (the builder's live count, the funnel chart); a newer query on the
// same channel cancels the one still running there.
export const queryMethods = {
  queryRun: method<QueryResults[keyof QueryResults]>()(
    z.strictObject({ query: Query, channel: z.string().min(1).max(100).optional() }),
  ),
  queryCancel: method<null>()(z.strictObject({ channel: z.string().min(1) })),
};
