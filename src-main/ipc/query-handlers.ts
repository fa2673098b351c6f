import type { queryMethods } from "../../src-preload/contract/methods/query.ts";
import type { QueryResults } from "../../src-preload/contract/results.ts";
import type { AreaHandlers } from "./types.ts";

export const queryHandlers: AreaHandlers<typeof queryMethods> = {
  queryRun: async (req, { session }) =>
    (await session.query(req.query, req.channel)) as QueryResults[keyof QueryResults],
  queryCancel: (req, { session }) => {
    session.cancel(req.channel);
    return null;
  },
};
