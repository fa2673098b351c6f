import { afterEach, describe, expect, it } from "vitest";
import { readDashboard, writeDashboard } from "../../../src-main/workspace/dashboard.ts";
import { createSaved, deleteSaved } from "../../../src-main/workspace/saved.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

const trend = {
  kind: "trends" as const,
  series: [{ event: { event: "buy" } }],
  interval: "day" as const,
  range: { last: 30, unit: "day" as const },
};

describe("dashboard pins", () => {
  it("keeps pinned reports in order in the workspace file, and forgets deleted reports", () => {
    j = journeys({ a: [["buy", "2024-06-01T10:00Z"]] });
    const db = j.ws.db;
    const r1 = createSaved(db, "report", "One", trend);
    const r2 = createSaved(db, "report", "Two", { ...trend, interval: "week" as const });
    expect(readDashboard(db)).toEqual({ tiles: [] });
    writeDashboard(db, { tiles: [{ reportId: r2.id }, { reportId: r1.id }] });
    j.ws.close();
    const again = Workspace.open(j.file);
    try {
      expect(readDashboard(again.db).tiles.map((t) => t.reportId)).toEqual([r2.id, r1.id]);
      deleteSaved(again.db, r2.id);
      expect(readDashboard(again.db).tiles.map((t) => t.reportId)).toEqual([r1.id]);
    } finally {
      again.close();
    }
    j = undefined;
  });

  it("refuses unknown reports, segments and duplicates, leaving the pins unchanged", () => {
    j = journeys({ a: [["buy", "2024-06-01T10:00Z"]] });
    const db = j.ws.db;
    const r = createSaved(db, "report", "One", trend);
    const s = createSaved(db, "segment", "Buyers", { performed: { event: "buy" } });
    writeDashboard(db, { tiles: [{ reportId: r.id }] });
    expect(() => writeDashboard(db, { tiles: [{ reportId: "nope" }] })).toThrow(/no saved report nope/);
    expect(() => writeDashboard(db, { tiles: [{ reportId: s.id }] })).toThrow(/no saved report/);
    expect(() => writeDashboard(db, { tiles: [{ reportId: r.id }, { reportId: r.id }] })).toThrow(/twice/);
    expect(readDashboard(db).tiles).toEqual([{ reportId: r.id }]);
  });
});
