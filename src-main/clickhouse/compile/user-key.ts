import type { Value } from "../../../src-preload/contract/metric-results.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import type { ChClient } from "../http.ts";
import { num, str } from "../literal.ts";
import { refuseComputedAttribute } from "./filters.ts";
import { keyValue, propKeySql, propParts } from "./prop-value.ts";
import { refuse } from "./refuse.ts";

// A user attribute as a group key of an events query. Events carry no user attributes, and a JOIN
// of a distributed per-user GROUP BY is planned wrongly by 18.16, so the attribute's distinct values
// are fetched first and each becomes an IN set over the users table (each shard answers it for its
// own users, distributed_product_mode=local): the key is the index of the value (0: missing).

/** Past this many distinct values the IN sets would make a query too large; refused by name. */
export const MAX_USER_KEYS = 500;

export interface UserKey {
  /** a per-row expression of `user` alone (group by it beside `user`) */
  sql: string;
  value(k: number): Value;
}

export async function userKeySql(
  ch: ChClient,
  name: string,
  field: string,
  signal?: AbortSignal,
): Promise<UserKey> {
  refuseComputedAttribute(name, field);
  const key = propKeySql("a", name);
  const rows = await ch.rows<{ k: [number, string, number] }>(
    `SELECT DISTINCT ${key} AS k FROM users FINAL WHERE ${propParts("a", name).tag} != 0 LIMIT ${MAX_USER_KEYS + 1}`,
    {},
    signal,
  );
  if (rows.length > MAX_USER_KEYS)
    refuse(field, `a user attribute with more than ${MAX_USER_KEYS} distinct values as a group`);
  const parts = rows.map(
    (r, i) =>
      `user IN (SELECT user FROM users FINAL WHERE ${key} = (${r.k[0]}, ${str(r.k[1])}, ${num(r.k[2])})), ${i + 1}`,
  );
  const sql =
    parts.length === 0 ? "(toUInt16(0), '', 0.)" : `(toUInt16(multiIf(${parts.join(", ")}, 0)), '', 0.)`;
  return {
    sql,
    value: (k) => (k === 0 ? null : keyValue((rows[k - 1] ?? outOfBounds()).k)),
  };
}
