import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { io } from "../../helpers/cli-io.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { savedColumns } from "../../helpers/saved-columns.ts";

// `strata query` reads through a read-only connection; the columns its query had to build (the
// timeline of a workspace without saved columns, a property column) are saved through a writable
// open when the workspace is free, and left alone when the app has it open.

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

const QUERY = JSON.stringify({
  kind: "revenue",
  event: { event: "buy" },
  property: "price",
  range: { from: "2024-06-01", to: "2024-06-30" },
});

function workspace(): Journeys {
  return journeys({
    a: [
      ["buy", "2024-06-03T10:00Z", { price: 5 }],
      ["view", "2024-06-03T11:00Z"],
    ],
    b: [["buy", "2024-06-04T10:00Z", { price: 7.5 }]],
  });
}

async function query(file: string): Promise<string> {
  const a = io();
  expect(await main(["query", file, QUERY], a.io)).toBe(0);
  return a.out.join("");
}

describe("strata query", () => {
  it("saves the columns it had to build, and the next query reads them to the same answer", async () => {
    j = workspace();
    j.ws.close();
    expect(savedColumns(j.file).some((n) => n.startsWith("timeline."))).toBe(false);
    const first = await query(j.file);
    const saved = savedColumns(j.file);
    expect(saved).toContain("timeline.meta");
    expect(saved.filter((n) => n.startsWith("eventprop.") && n.endsWith(".price")).length).toBeGreaterThan(0);
    expect(JSON.parse(first).revenue).toBe(12.5);
    expect(await query(j.file)).toBe(first);
    expect(savedColumns(j.file)).toEqual(saved);
  });

  it("leaves a workspace another writer holds as it was, and still answers", async () => {
    j = workspace();
    const before = savedColumns(j.file);
    const answer = await query(j.file);
    expect(JSON.parse(answer).revenue).toBe(12.5);
    expect(savedColumns(j.file)).toEqual(before);
  });
});
