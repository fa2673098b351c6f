import type { ChClient } from "./http.ts";
import { ident } from "./literal.ts";

// Strata's table layout on a cluster. Each table is a MergeTree on every shard (`*_local`) and a
// Distributed table over them, sharded by a hash of the user, so that a user's events and attributes
// sit on one shard and per-user work (funnels, retention, paths) never crosses shards.
//
// Properties are parallel arrays: keys, a type tag (0 missing, 1 number, 2 string, 3 boolean as in
// the local engine's columns), numbers as their IEEE bits (the server's decimal reader is not
// correctly rounded; reinterpreting the bits is exact), strings, and strings lowercased by
// JavaScript's toLowerCase at push time (so case-insensitive ops agree with the local engine on
// every script, which lowerUTF8 does not). The numbers are an ALIAS of the bits, not MATERIALIZED:
// 18.16's Distributed inserts send materialized columns to the shards, which refuse them.

export const LAYOUT_VERSION = 1;

const PROPS = (p: string) => `
  ${p}_keys Array(String),
  ${p}_types Array(UInt8),
  ${p}_bits Array(UInt64),
  ${p}_num Array(Float64) ALIAS arrayMap(b -> reinterpretAsFloat64(reinterpretAsString(b)), ${p}_bits),
  ${p}_str Array(String),
  ${p}_lower Array(String)`;

/**
 * The per-shard engine: MergeTree on a cluster of one replica per shard, the Replicated form (paths
 * under /clickhouse/tables/{shard}, the server's macros) when shards have replicas.
 */
function engine(
  kind: "MergeTree" | "ReplacingMergeTree",
  args: string,
  replicated: boolean,
  db: string,
  table: string,
): string {
  if (!replicated) return `ENGINE = ${kind}(${args})`;
  const zk = `'/clickhouse/tables/{shard}/${db}/${table}', '{replica}'`;
  return `ENGINE = Replicated${kind}(${zk}${args ? `, ${args}` : ""})`;
}

export function layoutStatements(database: string, cluster: string, replicated = false): string[] {
  const db = ident(database);
  const eng = (kind: "MergeTree" | "ReplacingMergeTree", args: string, table: string) =>
    engine(kind, args, replicated, database, table);
  // one server (cluster ""): each table under its plain name, no Distributed layer
  const single = cluster === "";
  const on = single ? "" : `ON CLUSTER ${ident(cluster)}`;
  const local = (name: string) => (single ? name : `${name}_local`);
  const dist = (name: string, key: string) =>
    single
      ? []
      : [
          `CREATE TABLE IF NOT EXISTS ${db}.${name} ${on} AS ${db}.${name}_local ENGINE = Distributed(${ident(cluster)}, ${db}, ${ident(`${name}_local`)}, ${key})`,
        ];
  return [
    `CREATE DATABASE IF NOT EXISTS ${db} ${on}`,
    `CREATE TABLE IF NOT EXISTS ${db}.${local("events")} ${on} (
      user UInt32, seq Int64, time Int64, event String, import_id UInt32, batch UInt32,${PROPS("p")}
    ) ${eng("MergeTree", "", local("events"))} PARTITION BY import_id ORDER BY (user, time, seq)`,
    ...dist("events", "cityHash64(user)"),
    // a re-pushed user replaces the older row (version = the push that wrote it); read with FINAL
    `CREATE TABLE IF NOT EXISTS ${db}.${local("users")} ${on} (
      user UInt32, external_id String, has_created UInt8, created_at Int64, version UInt64,${PROPS("a")}
    ) ${eng("ReplacingMergeTree", "version", local("users"))} ORDER BY user`,
    ...dist("users", "cityHash64(user)"),
    // every id a user is known by (external id, merged aliases) -> the user number events carry
    `CREATE TABLE IF NOT EXISTS ${db}.${local("identity")} ${on} (
      alias String, user UInt32, version UInt64
    ) ${eng("ReplacingMergeTree", "version", local("identity"))} ORDER BY alias`,
    ...dist("identity", "cityHash64(alias)"),
    // one row per batch that fully reached the cluster; a push resumes from it
    `CREATE TABLE IF NOT EXISTS ${db}.${local("push_log")} ${on} (
      workspace String, import_id UInt32, batch UInt32, rows UInt64, first_seq Int64, last_seq Int64,
      pushed_at DateTime, done UInt8
    ) ${eng("ReplacingMergeTree", "", local("push_log"))} ORDER BY (workspace, import_id, batch)`,
    ...dist("push_log", "cityHash64(workspace, import_id)"),
    // the workspace's settings, so that `clickhouse://` queries default as the workspace does
    `CREATE TABLE IF NOT EXISTS ${db}.${local("meta")} ${on} (
      key String, value String, version UInt64
    ) ${eng("ReplacingMergeTree", "version", local("meta"))} ORDER BY key`,
    ...dist("meta", "cityHash64(key)"),
  ];
}

/** A table of the layout that push deletes from. */
export type PushedTable = "events" | "users" | "identity" | "push_log";

/** `ALTER TABLE` of `table` on every shard (the per-shard tables; the one table on one server). */
export function alterTable(ch: ChClient, table: PushedTable): string {
  const db = ident(ch.target.database);
  return ch.target.cluster === ""
    ? `ALTER TABLE ${db}.${table}`
    : `ALTER TABLE ${db}.${table}_local ON CLUSTER ${ident(ch.target.cluster)}`;
}

/** Creates the layout (idempotent; distributed DDL waits for every shard). */
export async function ensureLayout(ch: ChClient): Promise<void> {
  const boot = ch.on("default");
  const [r] =
    ch.target.cluster === ""
      ? []
      : await boot.rows<{ n: number }>(
          `SELECT max(replica_num) AS n FROM system.clusters WHERE cluster = '${ch.target.cluster.replace(/'/g, "")}'`,
        );
  const replicated = (r?.n ?? 1) > 1;
  for (const s of layoutStatements(ch.target.database, ch.target.cluster, replicated)) await boot.exec(s);
}

/** Inserts that must have reached every shard before returning. */
export const SYNC_INSERT = { insert_distributed_sync: 1 } as const;

export function metaRow(key: string, value: string, version: number): string {
  return JSON.stringify({ key, value, version });
}
