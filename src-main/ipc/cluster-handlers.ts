import { randomUUID } from "node:crypto";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { clusterMethods } from "../../src-preload/contract/methods/cluster.ts";
import { clusterHttp, keychainFor, statusOf } from "../clickhouse/app-cluster.ts";
import { checkCluster } from "../clickhouse/check.ts";
import {
  checkName,
  checkUrl,
  checkUser,
  deleteConnection,
  saveConnection,
} from "../clickhouse/connection.ts";
import { accountOf } from "../clickhouse/keychain.ts";
import { push } from "../clickhouse/push.ts";
import { confirmServer, confirmStored } from "./cluster-consent.ts";
import { rendererError } from "./renderer-error.ts";
import type { AreaHandlers, HandlerContext } from "./types.ts";

// Settings -> Cluster. A push runs in the main process (it reads the workspace file batch by batch)
// and reports through push events, so clusterPush answers at once with the job's id.

const pushes = new Map<string, AbortController>();

function runningPush(): string | null {
  const [id] = pushes.keys();
  return id ?? null;
}

function writable(ctx: HandlerContext): void {
  const ws = ctx.session.workspace;
  if (ws.readonly)
    throw new StrataError("locked", `${ws.name} is open read-only: connecting needs a writable copy`);
}

export const clusterHandlers: AreaHandlers<typeof clusterMethods> = {
  clusterStatus: (_req, ctx) => statusOf(ctx.session, keychainFor(ctx.session, ctx.keychain), runningPush()),

  clusterConnect: async (req, ctx) => {
    writable(ctx);
    const keychain = keychainFor(ctx.session, ctx.keychain);
    const c = {
      url: checkUrl(req.url.trim()),
      cluster: checkName("cluster", req.cluster),
      database: checkName("database", req.database),
      user: checkUser(req.user),
    };
    await confirmServer(ctx, c);
    saveConnection(ctx.session.workspace.db, c);
    if (req.password !== undefined) keychain.set(accountOf(c), req.password);
    return statusOf(ctx.session, keychain, runningPush());
  },

  clusterDisconnect: (_req, ctx) => {
    writable(ctx);
    if (runningPush() !== null) throw new StrataError("locked", "a push is running: cancel it first");
    deleteConnection(ctx.session.workspace.db);
    return statusOf(ctx.session, keychainFor(ctx.session, ctx.keychain), null);
  },

  clusterTest: async (_req, ctx) => {
    await confirmStored(ctx);
    const ch = clusterHttp(ctx.session, keychainFor(ctx.session, ctx.keychain));
    try {
      return await checkCluster(ch);
    } catch (e) {
      if (e instanceof StrataError) throw e;
      throw new StrataError("invalid_request", e instanceof Error ? e.message : String(e));
    }
  },

  clusterPush: async (_req, ctx) => {
    if (runningPush() !== null) throw new StrataError("locked", "a push is already running");
    await confirmStored(ctx);
    // again: another push may have started while the dialog was open
    if (runningPush() !== null) throw new StrataError("locked", "a push is already running");
    const ch = clusterHttp(ctx.session, keychainFor(ctx.session, ctx.keychain));
    const db = ctx.session.workspace.db;
    const jobId = randomUUID();
    const ctl = new AbortController();
    pushes.set(jobId, ctl);
    push(db, ch, (p) => ctx.emit({ type: "pushProgress", jobId, ...p }), { signal: ctl.signal }).then(
      (report) => {
        pushes.delete(jobId);
        ctx.emit({ type: "pushDone", jobId, report });
      },
      (e: unknown) => {
        pushes.delete(jobId);
        ctx.emit({ type: "pushFailed", jobId, error: rendererError(e) });
      },
    );
    return { jobId };
  },

  clusterPushCancel: (req) => {
    const ctl = pushes.get(req.jobId);
    if (!ctl) throw new StrataError("not_found", `no push ${req.jobId} is running`);
    ctl.abort();
    return null;
  },
};
