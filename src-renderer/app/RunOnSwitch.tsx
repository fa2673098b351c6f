import { useEffect } from "react";
import "./RunOnSwitch.css";
import { type RunOn, useCluster } from "../store/cluster.ts";
import { useNavigation } from "../store/navigation.ts";
import { useWorkspace } from "../store/workspace.ts";

// "Run on: this laptop / cluster" for every report, with the time the view's latest answer took on
// each side. Shown only when the workspace is connected to a cluster (Settings -> Cluster).

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const SIDES: { on: RunOn; label: string }[] = [
  { on: "laptop", label: "This laptop" },
  { on: "cluster", label: "Cluster" },
];

export function RunOnSwitch() {
  const path = useWorkspace((s) => s.info?.path);
  const { status, runOn, setRunOn, refresh } = useCluster();
  const view = useNavigation((s) => s.view);
  const took = useCluster((s) => s.took[view]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another workspace has its own connection
  useEffect(() => {
    void refresh();
  }, [path, refresh]);
  if (!status?.connection) return null;
  return (
    <fieldset className="run-on" title="Where reports run: the same query, the same answer">
      <legend className="sr-only">Run on</legend>
      {SIDES.map((s) => (
        <button
          key={s.on}
          type="button"
          aria-pressed={runOn === s.on}
          className={runOn === s.on ? "is-on" : ""}
          onClick={() => setRunOn(s.on)}
        >
          <span>{s.label}</span>{" "}
          <span className="num run-on-ms" data-testid={`took-${s.on}`}>
            {formatMs(took?.[s.on])}
          </span>
        </button>
      ))}
    </fieldset>
  );
}
