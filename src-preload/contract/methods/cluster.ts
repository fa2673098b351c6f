import { z } from "zod";
import { method } from "../method.ts";

// Settings -> Cluster: the workspace's ClickHouse connection (docs/clickhouse.md). The password
// crosses once, from the field the analyst typed it in to main, which hands it to the OS keychain;
// no method ever answers it, and the workspace file never holds it.

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export const ClusterConnectRequest = z.strictObject({
  /** http(s)://host:port of one server (its HTTP port) */
  url: z.string().min(1).max(500),
  cluster: z.string().regex(NAME, "a plain name (letters, digits, _)"),
  database: z.string().regex(NAME, "a plain name (letters, digits, _)"),
  user: z.string().min(1).max(200),
  /** omitted: keep the password the keychain holds for this server and user */
  password: z.string().max(1000).optional(),
});

export interface ClusterConnection {
  url: string;
  cluster: string;
  database: string;
  user: string;
}

export interface ClusterStatus {
  connection: ClusterConnection | null;
  /** the keychain holds a password for this server and user */
  passwordStored: boolean;
  /** false: no OS keychain here, a password lasts for this session only */
  keychainPersistent: boolean;
  /** the push running now, if any */
  pushJobId: string | null;
}

/** What "Test connection" found. */
export interface ClusterCheck {
  version: string;
  shards: number;
  servers: number;
  /** events already on the cluster (0 before the first push) */
  events: number;
  ms: number;
}

/** The figures of one `strata push` (the CLI's --json prints the same). */
export interface PushReport {
  imports: number;
  importsPushed: number;
  batchesSent: number;
  batchesSkipped: number;
  batchesRepaired: number;
  eventsSent: number;
  usersSent: number;
  seconds: number;
  eventsPerSecond: number;
}

export interface PushProgress {
  phase: "events" | "users" | "done";
  importId: number;
  eventsSent: number;
  eventsTotal: number;
}

export const clusterMethods = {
  clusterStatus: method<ClusterStatus>()(z.strictObject({})),
  clusterConnect: method<ClusterStatus>()(ClusterConnectRequest),
  clusterDisconnect: method<ClusterStatus>()(z.strictObject({})),
  clusterTest: method<ClusterCheck>()(z.strictObject({})),
  clusterPush: method<{ jobId: string }>()(z.strictObject({})),
  clusterPushCancel: method<null>()(z.strictObject({ jobId: z.string().min(1).max(100) })),
};
