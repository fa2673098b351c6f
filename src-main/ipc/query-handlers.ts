import type { queryMethods } from "../../src-preload/contract/methods/query.ts";
import type { QueryAnswer, QueryKind, QueryOf } from "../../src-preload/contract/query-kinds.ts";
import { clusterEngine, keychainFor } from "../clickhouse/app-cluster.ts";
import type { QueryRunner, Session } from "../session.ts";
import { confirmStored } from "./cluster-consent.ts";
import type { AreaHandlers } from "./types.ts";

async function answer<K extends QueryKind>(
  session: Session,
  query: QueryOf<K>,
  channel?: string,
  on?: QueryRunner,
): Promise<QueryAnswer> {
  return { kind: query.kind, result: await session.query(query, channel, on) };
}

export const queryHandlers: AreaHandlers<typeof queryMethods> = {
  queryRun: async (req, ctx) => {
    const { session, keychain } = ctx;
    if (req.on !== "cluster") return answer(session, req.query, req.channel);
    await confirmStored(ctx);
    return answer(session, req.query, req.channel, clusterEngine(session, keychainFor(session, keychain)));
  },
  queryCancel: (req, { session }) => {
    session.cancel(req.channel);
    return null;
  },
};
