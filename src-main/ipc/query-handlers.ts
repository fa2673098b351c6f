import type { queryMethods } from "../../src-preload/contract/methods/query.ts";
import type { QueryAnswer, QueryKind, QueryOf } from "../../src-preload/contract/query-kinds.ts";
import type { Session } from "../session.ts";
import type { AreaHandlers } from "./types.ts";

async function answer<K extends QueryKind>(
  session: Session,
  query: QueryOf<K>,
  channel?: string,
): Promise<QueryAnswer> {
  return { kind: query.kind, result: await session.query(query, channel) };
}

export const queryHandlers: AreaHandlers<typeof queryMethods> = {
  queryRun: (req, { session }) => answer(session, req.query, req.channel),
  queryCancel: (req, { session }) => {
    session.cancel(req.channel);
    return null;
  },
};
