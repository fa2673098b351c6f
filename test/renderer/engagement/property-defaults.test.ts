import { afterEach, describe, expect, it } from "vitest";
import { catalogEvents, catalogProperties } from "../../../src-main/store/catalog.ts";
import type { CatalogProperty } from "../../../src-preload/contract/methods/catalog.ts";
import {
  acquisitionDefaults,
  revenueDefaults,
  surveyDefaults,
} from "../../../src-renderer/features/engagement/defaults.ts";
import { type JourneySpec, type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "../../main/engine/run-query.ts";

// Revenue, Surveys and Acquisition open on a property the workspace HAS (or ask for one), so their
// first query is never refused as naming an unknown property. Checked against the real catalog of
// small workspaces and run on the real engine.

let j: Journeys | undefined;
afterEach(() => j?.close());

const RANGE = { from: "2024-06-01", to: "2024-06-30" };

function catalog(spec: JourneySpec): { events: string[]; props: CatalogProperty[] } {
  j = journeys(spec);
  const events = catalogEvents(j.ws).map((e) => e.name);
  const props = [...catalogProperties(j.ws, "event"), ...catalogProperties(j.ws, "user")];
  return { events, props };
}

describe("tab defaults follow the workspace's properties", () => {
  it("an export with price on order_completed, rating on feedback and utm_source on users", async () => {
    const { events, props } = catalog({
      a: {
        events: [
          ["page_view", "2024-06-03T10:00Z", { path: "/" }],
          ["order_completed", "2024-06-03T10:05Z", { price: 12.5 }],
          ["feedback", "2024-06-04T10:00Z", { rating: 9 }],
        ],
        attributes: { utm_source: "newsletter" },
      },
      b: {
        events: [["order_completed", "2024-06-05T10:00Z", { price: 20 }]],
        attributes: { utm_source: "ads" },
      },
    });
    const rev = revenueDefaults(events, props);
    expect(rev).toEqual({ event: { event: "order_completed" }, property: "price" });
    const r = await runQuery<{ revenue: number }>(j as Journeys, { kind: "revenue", ...rev, range: RANGE });
    expect(r.revenue).toBe(32.5);

    const survey = surveyDefaults(events, props);
    // no `survey` property: the event is not narrowed to one survey type
    expect(survey).toEqual({ event: { event: "feedback" }, property: "rating" });
    const s = await runQuery<{ overall: { responses: number } }>(j as Journeys, {
      kind: "surveyScores",
      type: "nps",
      ...survey,
      range: RANGE,
    });
    expect(s.overall.responses).toBe(1);

    const acq = acquisitionDefaults(events, props);
    expect(acq).toEqual({
      by: { property: "utm_source", scope: "user" },
      conversion: { event: "order_completed" },
    });
    const a = await runQuery<{ rows: { users: number }[] }>(j as Journeys, {
      kind: "acquisition",
      ...acq,
      range: RANGE,
    });
    expect(a.rows.map((x) => x.users).reduce((x, y) => x + y, 0)).toBe(2);
  });

  it("the demo's layout keeps its names: revenue on purchase, score of survey_response per survey", () => {
    const { events, props } = catalog({
      a: {
        events: [
          ["purchase", "2024-06-03T10:05Z", { revenue: 10, price: 5 }],
          ["survey_response", "2024-06-04T10:00Z", { survey: "nps", score: 9 }],
        ],
        attributes: { acquisition_channel: "organic" },
      },
    });
    expect(revenueDefaults(events, props)).toEqual({ event: { event: "purchase" }, property: "revenue" });
    expect(surveyDefaults(events, props)).toEqual({
      event: { event: "survey_response", where: [{ property: "survey", op: "eq", value: "nps" }] },
      property: "score",
    });
    expect(acquisitionDefaults(events, props).by).toEqual({ property: "acquisition_channel", scope: "user" });
  });

  it("nothing to measure: an empty property, so the tab asks instead of running", () => {
    const { events, props } = catalog({
      a: [
        ["app_open", "2024-06-03T10:00Z", { screen: "home" }],
        ["tap", "2024-06-03T10:01Z", { x: 3 }],
      ],
    });
    expect(revenueDefaults(events, props).property).toBe("");
    expect(surveyDefaults(events, props).property).toBe("");
    expect(acquisitionDefaults(events, props)).toEqual({ by: { property: "" } });
  });
});
