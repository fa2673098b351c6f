import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DashboardTile } from "../../../src-preload/contract/methods/dashboard.ts";
import type { WorkspaceInfo } from "../../../src-preload/contract/workspace-info.ts";
import { useDashboard } from "../../../src-renderer/features/dashboard/store.ts";
import { useWorkspace } from "../../../src-renderer/store/workspace.ts";

// dashboardSet replaces all of the open workspace's pins: a pin, unpin or move must start from the
// pins in the file, never from a list cached while another workspace was open.

const bridge = vi.hoisted(() => ({
  file: [] as { reportId: string }[],
  sets: [] as { reportId: string }[][],
}));

vi.mock("../../../src-renderer/api/client.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../src-renderer/api/client.ts")>();
  return {
    ...real,
    call: async (name: string, request: { tiles?: { reportId: string }[] }) => {
      if (name === "dashboardGet") return { tiles: bridge.file };
      if (name === "dashboardSet" && request.tiles) {
        bridge.sets.push(request.tiles);
        bridge.file = request.tiles;
        return { tiles: bridge.file };
      }
      throw new Error(`unexpected call ${name}`);
    },
  };
});

function info(path: string): WorkspaceInfo {
  return {
    path,
    name: path,
    events: 0,
    users: 0,
    eventNames: [],
    timeSpan: null,
    timezone: "UTC",
    asOf: { mode: "latest" },
    resolvedAsOf: "2024-06-01",
    weekStart: "monday",
    activity: { exclude: [], source: "default" },
    imports: [],
    formatVersion: 1,
    appVersion: "0",
    createdAt: "2024-06-01T00:00:00Z",
    modifiedAt: "2024-06-01T00:00:00Z",
  };
}

const tiles = (...ids: string[]): DashboardTile[] => ids.map((reportId) => ({ reportId }));

beforeEach(() => {
  bridge.file = [];
  bridge.sets = [];
});
afterEach(() => {
  useWorkspace.setState({ info: null });
  useDashboard.setState({ tiles: null });
});

describe("dashboard pins", () => {
  it("a pin in workspace B keeps B's pins when A's empty dashboard was cached", async () => {
    useWorkspace.getState().setInfo(info("/a.strata"));
    useDashboard.setState({ tiles: [] });
    useWorkspace.getState().setInfo(info("/b.strata"));
    bridge.file = tiles("b1", "b2");
    await useDashboard.getState().pin("b3");
    expect(bridge.sets).toEqual([tiles("b1", "b2", "b3")]);
    expect(useDashboard.getState().tiles).toEqual(tiles("b1", "b2", "b3"));
  });

  it("another workspace starts with no pins shown", () => {
    useWorkspace.getState().setInfo(info("/a.strata"));
    useDashboard.setState({ tiles: tiles("a1") });
    useWorkspace.getState().setInfo(info("/b.strata"));
    expect(useDashboard.getState().tiles).toBeNull();
  });

  it("unpin and move start from the file's pins, and two quick pins both land", async () => {
    useDashboard.setState({ tiles: tiles("stale") });
    bridge.file = tiles("x", "y", "z");
    await useDashboard.getState().unpin("y");
    expect(bridge.file).toEqual(tiles("x", "z"));
    await useDashboard.getState().move("z", -1);
    expect(bridge.file).toEqual(tiles("z", "x"));
    await Promise.all([useDashboard.getState().pin("p"), useDashboard.getState().pin("q")]);
    expect(bridge.file).toEqual(tiles("z", "x", "p", "q"));
  });
});
