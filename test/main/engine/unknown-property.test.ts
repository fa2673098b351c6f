import { afterEach, describe, expect, it } from "vitest";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { StrataError } from "../../../src-preload/contract/errors.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";

// A property name no event (or user) carries is a mistake to report, not a column of missing values
// to answer from and save into the workspace.

let j: Journeys | undefined;
afterEach(() => j?.close());

function shop(): Journeys {
  return journeys({
    ann: {
      attributes: { plan: "pro", country: "DE" },
      events: [
        ["purchase", "2024-06-01T10:00Z", { price: 12, currency: "EUR" }],
        ["view", "2024-06-02T10:00Z", { page: "home" }],
      ],
    },
    bob: [["purchase", "2024-06-03T10:00Z", { price: 5 }]],
  });
}

/** Property columns saved in the workspace (the timeline's own columns left out). */
const savedColumns = (jj: Journeys) =>
  (jj.ws.db.prepare("SELECT name FROM engine_columns ORDER BY name").all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => !n.startsWith("timeline."));

async function failure(jj: Journeys, query: unknown): Promise<StrataError> {
  try {
    await new InProcessEngine(jj.ws.db).run(parseOrThrow(Query, query));
  } catch (e) {
    if (e instanceof StrataError) return e;
    throw e;
  }
  throw new Error("the query was answered");
}

describe("an unknown property name", () => {
  it("in a filter is rejected naming the known event properties, and nothing is saved", async () => {
    j = shop();
    // a known property is read once and saved: the check below can see a save
    await new InProcessEngine(j.ws.db).run(
      parseOrThrow(Query, {
        kind: "segmentCount",
        segment: { performed: { event: "view", where: [{ property: "page", op: "isSet" }] } },
      }),
    );
    const before = savedColumns(j);
    expect(before.some((n) => n.endsWith(".page"))).toBe(true);
    const e = await failure(j, {
      kind: "segmentCount",
      segment: { performed: { event: "purchase", where: [{ property: "prcie", op: "gt", value: 10 }] } },
    });
    expect(e.code).toBe("invalid_request");
    expect(e.message).toBe('unknown event property "prcie"; known: "currency", "page", "price"');
    expect(savedColumns(j)).toEqual(before);
  });

  it("as a user attribute, a breakdown or an aggregate is rejected the same way", async () => {
    j = shop();
    const range = { from: "2024-06-01", to: "2024-06-30" };
    const attr = await failure(j, {
      kind: "segmentCount",
      segment: { attribute: { property: "Country", scope: "user", op: "eq", value: "DE" } },
    });
    expect(attr.message).toBe('unknown user attribute "Country"; known: "country", "plan"');
    const breakdown = await failure(j, {
      kind: "funnel",
      steps: [{ event: "view" }, { event: "purchase" }],
      range,
      breakdown: { property: "browser" },
    });
    expect(breakdown.message).toMatch(/^unknown event property "browser"; known: /);
    const revenue = await failure(j, {
      kind: "revenue",
      event: { event: "purchase" },
      property: "amount",
      range,
    });
    expect(revenue.message).toMatch(/^unknown event property "amount"/);
  });

  it("does not stop a known one, or the virtual $hour, from being read", async () => {
    j = shop();
    const q = parseOrThrow(Query, {
      kind: "segmentCount",
      segment: {
        performed: {
          event: "purchase",
          where: [
            { property: "price", op: "gt", value: 10 },
            { property: "$hour", op: "eq", value: 10 },
          ],
        },
      },
    });
    expect(await new InProcessEngine(j.ws.db).run(q)).toEqual({ users: 1, ofTotal: 2 });
  });
});
