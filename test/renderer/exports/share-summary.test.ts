import { describe, expect, it } from "vitest";
import { shareSummary } from "../../../src-renderer/features/exports/share-summary.ts";

// The Share dialog's done panel says what the copy lost, as `strata share` prints it.

describe("shareSummary", () => {
  it("says what was removed, replaced and which saved items answer differently", () => {
    const summary = shareSummary({
      path: "/tmp/shared.strata",
      bytes: 4096,
      dropped: ["email", "secret_attr"],
      redacted: { values: 2, eventNames: 1, userIds: 1200 },
      affected: [
        { id: "s1", type: "segment", name: "Secret A", uses: ["secret_attr"], before: 1234, after: 0 },
        {
          id: "r1",
          type: "report",
          name: "Members",
          uses: ["email", "secret_attr"],
          before: null,
          after: null,
        },
      ],
      resultsDropped: [{ id: "r1", type: "report", name: "Members" }],
    });
    expect(summary).toEqual({
      removed: "email, secret_attr",
      replaced: "e-mail addresses replaced in 2 values and 1 event name; 1,200 user ids pseudonymized",
      affected: [
        { id: "s1", text: "Segment “Secret A” uses secret_attr: 1,234 users → 0" },
        { id: "r1", text: "Report “Members” uses email, secret_attr" },
      ],
      resultsDropped: [{ id: "r1", text: "Report “Members”" }],
    });
  });

  it("reads an answer without the newer fields, or with nothing lost, as nothing to say", () => {
    const empty = { removed: null, replaced: null, affected: [], resultsDropped: [] };
    expect(shareSummary({ path: "/tmp/a.strata", bytes: 1 })).toEqual(empty);
    expect(
      shareSummary({
        path: "/tmp/a.strata",
        bytes: 1,
        dropped: [],
        redacted: { values: 0, eventNames: 0, userIds: 0 },
        affected: [],
        resultsDropped: [],
      }),
    ).toEqual(empty);
    expect(
      shareSummary({ path: "/tmp/a.strata", bytes: 1, redacted: { values: 0, eventNames: 0, userIds: 1 } })
        .replaced,
    ).toBe("1 user id pseudonymized");
  });
});
