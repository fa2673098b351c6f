import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  createSaved,
  deleteSaved,
  duplicateSaved,
  getSaved,
  listSaved,
  updateSaved,
} from "../../../src-main/workspace/saved.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { StrataError } from "../../../src-preload/contract/errors.ts";
import { tmpDir } from "../../helpers/tmp.ts";

const buyers = { performed: { event: "purchase" } };

describe("saved segments and reports", () => {
  it("creates, lists, renames, duplicates and deletes", () => {
    const ws = Workspace.create(path.join(tmpDir(), "s.strata"));
    const seg = createSaved(ws.db, "segment", "Buyers", buyers);
    expect(seg.id).toMatch(/^seg_/);
    expect(seg.definition).toEqual(buyers);
    const rep = createSaved(ws.db, "report", "Funnel", {
      kind: "funnel",
      steps: [{ event: "view_item" }, { event: "purchase" }],
      range: { last: 30, unit: "day" },
    });
    // reports before segments, then by name
    expect(listSaved(ws.db).map((s) => s.name)).toEqual(["Funnel", "Buyers"]);
    expect(listSaved(ws.db, "segment").map((s) => s.id)).toEqual([seg.id]);
    const renamed = updateSaved(ws.db, seg.id, { name: "Paying users" });
    expect(renamed.name).toBe("Paying users");
    expect(renamed.definition).toEqual(buyers);
    const copy = duplicateSaved(ws.db, rep.id);
    expect(copy.name).toBe("Funnel (copy)");
    expect(copy.definition).toEqual(rep.definition);
    deleteSaved(ws.db, copy.id);
    expect(() => getSaved(ws.db, copy.id)).toThrow(StrataError);
    ws.close();
  });

  it("rejects an invalid definition naming the field", () => {
    const ws = Workspace.create(path.join(tmpDir(), "s.strata"));
    expect(() => createSaved(ws.db, "segment", "Bad", { performed: { event: 42 } })).toThrow(
      /definition\.performed\.event/,
    );
    expect(listSaved(ws.db)).toEqual([]);
    ws.close();
  });

  it("refuses to delete a segment another segment uses", () => {
    const ws = Workspace.create(path.join(tmpDir(), "s.strata"));
    const base = createSaved(ws.db, "segment", "Buyers", buyers);
    createSaved(ws.db, "segment", "Buyers in DE", {
      all: [
        { inSegment: base.id },
        { attribute: { property: "country", op: "eq", value: "DE", scope: "user" } },
      ],
    });
    expect(() => deleteSaved(ws.db, base.id)).toThrow(/"Buyers in DE" uses this segment/);
    ws.close();
  });
});

describe("saved items from an untrusted file", () => {
  it("leaves damaged items out of lists, names the damage when one is opened, and keeps the rest", () => {
    const ws = Workspace.create(path.join(tmpDir(), "s.strata"));
    const good = createSaved(ws.db, "segment", "Buyers", buyers);
    ws.db
      .prepare(
        "INSERT INTO saved_items (id, type, name, definition, created_at, modified_at) VALUES (?, ?, ?, ?, 0, 0)",
      )
      .run("seg_bad", "segment", "Broken", '{"performed": {"event": 1}}');
    ws.db
      .prepare(
        "INSERT INTO saved_items (id, type, name, definition, created_at, modified_at) VALUES (?, ?, ?, ?, 0, 0)",
      )
      .run("rep_bad", "report", "Not JSON", "{oops");
    ws.db.prepare("UPDATE meta SET as_of = 'not json'").run();
    expect(listSaved(ws.db).map((s) => s.id)).toEqual([good.id]);
    expect(() => getSaved(ws.db, "seg_bad")).toThrow(
      /saved segment "Broken" \(seg_bad\) is damaged: definition\.performed\.event/,
    );
    expect(() => getSaved(ws.db, "rep_bad")).toThrow(/not JSON/);
    expect(ws.meta().asOf).toEqual({ mode: "latest" });
    ws.close();
  });

  it("names a report whose query kind this Strata does not know, and a definition of the other type", () => {
    const ws = Workspace.create(path.join(tmpDir(), "s.strata"));
    const insert = ws.db.prepare(
      "INSERT INTO saved_items (id, type, name, definition, created_at, modified_at) VALUES (?, ?, ?, ?, 0, 0)",
    );
    insert.run(
      "rep_new",
      "report",
      "From a newer Strata",
      '{"kind": "crystalBall", "range": {"last": 7, "unit": "day"}}',
    );
    insert.run("rep_seg", "report", "A segment filed as a report", JSON.stringify(buyers));
    insert.run(
      "seg_rep",
      "segment",
      "A report filed as a segment",
      '{"kind": "segmentCount", "segment": {}}',
    );
    expect(listSaved(ws.db)).toEqual([]);
    expect(() => getSaved(ws.db, "rep_new")).toThrow(
      /report "From a newer Strata" \(rep_new\) is damaged: definition\.kind/,
    );
    expect(() => getSaved(ws.db, "rep_seg")).toThrow(/\(rep_seg\) is damaged: definition\.kind/);
    expect(() => getSaved(ws.db, "seg_rep")).toThrow(
      /\(seg_rep\) is damaged: definition: unknown segment condition/,
    );
    ws.close();
  });
});

// Deleting a segment checked only other segments for `{inSegment: id}`: a saved report using it was
// left failing with `no saved segment with id "seg_…"`.
describe("deleting a segment a saved report uses", () => {
  const range = { last: 30, unit: "day" } as const;

  it("is refused, naming the report, and the segment and report are kept", () => {
    const ws = Workspace.create(path.join(tmpDir(), "s.strata"));
    const seg = createSaved(ws.db, "segment", "Buyers", buyers);
    const rep = createSaved(ws.db, "report", "Buyer count", {
      kind: "segmentCount",
      segment: { inSegment: seg.id },
    });
    let refusal: unknown;
    try {
      deleteSaved(ws.db, seg.id);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(StrataError);
    expect(refusal).toMatchObject({ code: "invalid_request" });
    expect(String(refusal)).toMatch(/report "Buyer count" uses this segment/);
    expect(getSaved(ws.db, seg.id).name).toBe("Buyers");
    expect(getSaved(ws.db, rep.id).definition).toEqual({
      kind: "segmentCount",
      segment: { inSegment: seg.id },
    });
    ws.close();
  });

  it("finds it nested in a report's query and names every segment and report using it", () => {
    const ws = Workspace.create(path.join(tmpDir(), "s.strata"));
    const seg = createSaved(ws.db, "segment", "Buyers", buyers);
    const other = createSaved(ws.db, "segment", "Others", buyers);
    createSaved(ws.db, "report", "Buyers vs others", {
      kind: "compare",
      segments: [
        { name: "buyers", segment: { all: [{ inSegment: seg.id }] } },
        { name: "others", segment: { inSegment: other.id } },
      ],
      metrics: [{ type: "rate", event: { event: "purchase" } }],
      range,
    });
    createSaved(ws.db, "report", "Checkout funnel", {
      kind: "funnel",
      steps: [{ event: "view_item" }, { event: "purchase" }],
      range,
      segment: { not: { inSegment: seg.id } },
    });
    createSaved(ws.db, "report", "Unrelated", { kind: "segmentCount", segment: { inSegment: other.id } });
    createSaved(ws.db, "segment", "Not buyers", { not: { inSegment: seg.id } });
    expect(() => deleteSaved(ws.db, seg.id)).toThrow(
      'cannot delete: segment "Not buyers", report "Buyers vs others", report "Checkout funnel" use this segment',
    );
    expect(getSaved(ws.db, seg.id).name).toBe("Buyers");
    ws.close();
  });

  it("counts a report this Strata cannot read (a newer query kind) that names it", () => {
    const ws = Workspace.create(path.join(tmpDir(), "s.strata"));
    const seg = createSaved(ws.db, "segment", "Buyers", buyers);
    ws.db
      .prepare(
        "INSERT INTO saved_items (id, type, name, definition, created_at, modified_at) VALUES (?, ?, ?, ?, 0, 0)",
      )
      .run(
        "rep_new",
        "report",
        "From a newer Strata",
        JSON.stringify({ kind: "crystalBall", of: { inSegment: seg.id } }),
      );
    expect(() => deleteSaved(ws.db, seg.id)).toThrow(/report "From a newer Strata" uses this segment/);
    ws.close();
  });

  it("is allowed once nothing uses it", () => {
    const ws = Workspace.create(path.join(tmpDir(), "s.strata"));
    const seg = createSaved(ws.db, "segment", "Buyers", buyers);
    const rep = createSaved(ws.db, "report", "Buyer count", {
      kind: "segmentCount",
      segment: { inSegment: seg.id },
    });
    deleteSaved(ws.db, rep.id);
    deleteSaved(ws.db, seg.id);
    expect(listSaved(ws.db)).toEqual([]);
    ws.close();
  });
});
