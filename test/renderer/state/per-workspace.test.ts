import { afterEach, describe, expect, it } from "vitest";
import type { ImportSummary } from "../../../src-preload/contract/methods/import.ts";
import type { WorkspaceInfo } from "../../../src-preload/contract/workspace-info.ts";
import { useImport } from "../../../src-renderer/features/import/import-store.ts";
import { isDirty, useSegmentEditor } from "../../../src-renderer/features/segments/editor-store.ts";
import { useGlobalFilters } from "../../../src-renderer/store/global-filters.ts";
import { useWorkspace } from "../../../src-renderer/store/workspace.ts";

// Everything per-workspace is keyed by workspace: A's unsaved segment draft, its import result and
// its segment filter never show in B, and come back when A is opened again.

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

const summary: ImportSummary = {
  file: "a.csv",
  rowsRead: 10,
  added: 9,
  usersAdded: 3,
  skipped: 1,
  skippedByReason: {},
  warnings: {},
  seconds: 1,
};

afterEach(() => useWorkspace.setState({ info: null }));

describe("per-workspace state", () => {
  it("switching workspaces swaps the segment draft, the import result and the segment filter", () => {
    useWorkspace.getState().setInfo(info("/a.strata"));
    useSegmentEditor.getState().load("Buyers", { all: [{ performed: { event: "purchase" } }] });
    useSegmentEditor.getState().setName("Buyers draft");
    useImport.setState({ phase: "done", summaries: [summary] });
    useGlobalFilters.getState().setSegment({ name: "Buyers", definition: { all: [] } });
    expect(isDirty(useSegmentEditor.getState())).toBe(true);

    useWorkspace.getState().setInfo(info("/b.strata"));
    expect(useSegmentEditor.getState().name).toBe("Untitled segment");
    expect(isDirty(useSegmentEditor.getState())).toBe(false);
    expect(useImport.getState().phase).toBe("choose");
    expect(useImport.getState().summaries).toEqual([]);
    expect(useGlobalFilters.getState().segment).toBeNull();

    useWorkspace.getState().setInfo(info("/a.strata"));
    expect(useSegmentEditor.getState().name).toBe("Buyers draft");
    expect(isDirty(useSegmentEditor.getState())).toBe(true);
    expect(useImport.getState().summaries).toEqual([summary]);
    expect(useGlobalFilters.getState().segment?.name).toBe("Buyers");
  });

  it("refreshing the same workspace (new event counts) keeps its state", () => {
    useWorkspace.getState().setInfo(info("/c.strata"));
    useImport.setState({ phase: "done", summaries: [summary] });
    useWorkspace.getState().setInfo({ ...info("/c.strata"), events: 99 });
    expect(useImport.getState().phase).toBe("done");
  });
});
