import { create } from "zustand";
import type { ClusterStatus } from "../../src-preload/contract/methods/cluster.ts";
import { call } from "../api/client.ts";

export type RunOn = "laptop" | "cluster";

/**
 * The workspace's cluster as the renderer knows it (Settings -> Cluster), where reports run (the
 * top bar's switch), and how long the last answer took on each side, per view, so that the switch
 * can show both times.
 */
interface ClusterState {
  status: ClusterStatus | null;
  runOn: RunOn;
  /** view id -> ms of the latest answer on each side */
  took: Record<string, Partial<Record<RunOn, number>>>;
  refresh(): Promise<void>;
  setStatus(s: ClusterStatus): void;
  setRunOn(on: RunOn): void;
  record(view: string, on: RunOn, ms: number): void;
}

export const useCluster = create<ClusterState>((set, get) => ({
  status: null,
  runOn: "laptop",
  took: {},
  refresh: async () => {
    try {
      get().setStatus(await call("clusterStatus", {}));
    } catch {
      set({ status: null, runOn: "laptop" });
    }
  },
  setStatus: (status) => set({ status, ...(status.connection ? {} : { runOn: "laptop" }) }),
  setRunOn: (runOn) => set({ runOn: get().status?.connection ? runOn : "laptop" }),
  record: (view, on, ms) => set((s) => ({ took: { ...s.took, [view]: { ...s.took[view], [on]: ms } } })),
}));

/** Where a report's queries run now: the cluster only while one is connected. */
export function effectiveRunOn(s: Pick<ClusterState, "status" | "runOn">): RunOn {
  return s.status?.connection && s.runOn === "cluster" ? "cluster" : "laptop";
}
