import { useEffect, useState } from "react";
import type {
  ClusterCheck,
  PushProgress,
  PushReport,
} from "../../../src-preload/contract/methods/cluster.ts";
import { call, onEvent } from "../../api/client.ts";
import { useCluster } from "../../store/cluster.ts";
import { formatNumber } from "../../ui/format.ts";
import "./cluster-settings.css";
import "./settings.css";

// Settings -> Cluster: the workspace's ClickHouse connection (docs/clickhouse.md). The password goes
// to main once, which hands it to the OS keychain; it is never shown again nor stored in the file.

type Push =
  | { state: "idle" }
  | { state: "running"; jobId: string; progress: PushProgress | null }
  | { state: "done"; report: PushReport }
  | { state: "failed"; message: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function ClusterSettings() {
  const status = useCluster((s) => s.status);
  const setStatus = useCluster((s) => s.setStatus);
  const refresh = useCluster((s) => s.refresh);
  const connection = status?.connection ?? null;
  const [url, setUrl] = useState(connection?.url ?? "http://127.0.0.1:8123");
  const [cluster, setCluster] = useState(connection?.cluster ?? "");
  const [database, setDatabase] = useState(connection?.database ?? "strata");
  const [user, setUser] = useState(connection?.user ?? "default");
  const [password, setPassword] = useState("");
  const [check, setCheck] = useState<ClusterCheck | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [push, setPush] = useState<Push>({ state: "idle" });

  useEffect(() => {
    void refresh();
  }, [refresh]);
  // a push started before this view opened is still running: show its progress
  const runningId = status?.pushJobId ?? null;
  useEffect(() => {
    if (runningId)
      setPush((p) => (p.state === "running" ? p : { state: "running", jobId: runningId, progress: null }));
  }, [runningId]);
  // the fields follow the stored connection once it has loaded
  useEffect(() => {
    if (!connection) return;
    setUrl(connection.url);
    setCluster(connection.cluster);
    setDatabase(connection.database);
    setUser(connection.user);
  }, [connection]);
  useEffect(() => {
    try {
      return onEvent((e) => {
        if (e.type === "pushProgress")
          setPush((p) => (p.state === "running" && p.jobId === e.jobId ? { ...p, progress: e } : p));
        else if (e.type === "pushDone") {
          setPush({ state: "done", report: e.report });
          void refresh();
        } else if (e.type === "pushFailed") {
          setPush(
            e.error.code === "cancelled" ? { state: "idle" } : { state: "failed", message: e.error.message },
          );
          void refresh();
        }
      });
    } catch {
      return undefined;
    }
  }, [refresh]);

  const test = async () => {
    setBusy(true);
    setProblem(null);
    setCheck(null);
    try {
      setCheck(await call("clusterTest", {}));
    } catch (e) {
      setProblem(message(e));
    } finally {
      setBusy(false);
    }
  };

  const connect = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setStatus(
        await call("clusterConnect", {
          url,
          cluster,
          database,
          user,
          ...(password !== "" || !status?.passwordStored ? { password } : {}),
        }),
      );
      setPassword("");
    } catch (e) {
      setProblem(message(e));
      setBusy(false);
      return;
    }
    await test();
  };

  const startPush = async () => {
    try {
      const { jobId } = await call("clusterPush", {});
      setPush({ state: "running", jobId, progress: null });
    } catch (e) {
      setPush({ state: "failed", message: message(e) });
    }
  };

  const running = push.state === "running" ? push : null;
  const share =
    running?.progress && running.progress.eventsTotal > 0
      ? running.progress.eventsSent / running.progress.eventsTotal
      : 0;

  return (
    <section
      className="panel settings-section cluster-settings"
      aria-labelledby="cluster-title"
      data-testid="cluster-settings"
    >
      <h2 id="cluster-title" className="panel-title">
        Cluster
      </h2>
      <p className="cluster-help">
        Run the same reports on a ClickHouse cluster that holds this workspace's events. The password is kept
        by your system's keychain
        {status && !status.keychainPersistent ? " (here: for this session only)" : ""}, never in the workspace
        file.
      </p>
      <form
        className="cluster-form"
        onSubmit={(e) => {
          e.preventDefault();
          void connect();
        }}
      >
        <label className="field">
          Server URL (HTTP port)
          <input className="input" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} />
        </label>
        <label className="field">
          Cluster
          <input
            className="input"
            value={cluster}
            onChange={(e) => setCluster(e.target.value)}
            spellCheck={false}
          />
        </label>
        <label className="field">
          Database
          <input
            className="input"
            value={database}
            onChange={(e) => setDatabase(e.target.value)}
            spellCheck={false}
          />
        </label>
        <label className="field">
          User
          <input
            className="input"
            value={user}
            onChange={(e) => setUser(e.target.value)}
            spellCheck={false}
          />
        </label>
        <label className="field">
          Password
          <input
            className="input"
            type="password"
            autoComplete="off"
            value={password}
            placeholder={status?.passwordStored ? "kept in the keychain" : ""}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <div className="cluster-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || running !== null}>
            {connection ? "Save and test" : "Connect"}
          </button>
          <button type="button" className="btn" disabled={busy || !connection} onClick={() => void test()}>
            Test connection
          </button>
        </div>
      </form>
      {check ? (
        <p className="cluster-ok" role="status" data-testid="cluster-check">
          Connected: ClickHouse {check.version}, {check.shards} shards on {check.servers} servers,{" "}
          {formatNumber(check.events)} events there ({check.ms} ms).
        </p>
      ) : null}
      {problem ? (
        <p className="cluster-problem" role="alert">
          {problem}
        </p>
      ) : null}
      {connection ? (
        <div className="cluster-push">
          <h3>Push</h3>
          <p className="cluster-help">
            Copies the events not pushed yet to {connection.cluster}/{connection.database}; running it again
            is harmless.
          </p>
          {running ? (
            <div className="progress" role="status" data-testid="push-progress">
              <div className="progress-head">
                <span>
                  {formatNumber(running.progress?.eventsSent ?? 0)} of{" "}
                  {running.progress ? formatNumber(running.progress.eventsTotal) : "…"} events pushed
                </span>
                <button
                  type="button"
                  className="btn btn-sm"
                  onClick={() =>
                    void call("clusterPushCancel", { jobId: running.jobId }).catch(() => undefined)
                  }
                >
                  Cancel
                </button>
              </div>
              <div className="progress-track">
                <div className="progress-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
              </div>
            </div>
          ) : (
            <button type="button" className="btn" onClick={() => void startPush()}>
              Push events
            </button>
          )}
          {push.state === "done" ? (
            <p className="cluster-ok" role="status" data-testid="push-done">
              Pushed {formatNumber(push.report.eventsSent)} events and {formatNumber(push.report.usersSent)}{" "}
              users in {push.report.seconds.toFixed(1)} s ({formatNumber(push.report.batchesSkipped)} batches
              already there).
            </p>
          ) : null}
          {push.state === "failed" ? (
            <p className="cluster-problem" role="alert">
              Push failed: {push.message}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
