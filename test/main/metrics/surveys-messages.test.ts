import { afterEach, describe, expect, it } from "vitest";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { run } from "./helpers.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

const june = { from: "2024-06-01", to: "2024-06-30" };

describe("surveyScores", () => {
  it("NPS is promoters minus detractors over valid responses; off-scale answers are ignored", async () => {
    j = journeys({
      p1: { events: [["nps", "2024-06-02T10:00Z", { score: 10 }]], attributes: { plan: "pro" } },
      p2: { events: [["nps", "2024-06-03T10:00Z", { score: 9 }]], attributes: { plan: "pro" } },
      m1: [["nps", "2024-06-04T10:00Z", { score: 8 }]],
      m2: [["nps", "2024-06-05T10:00Z", { score: "7" }]],
      d1: [
        ["nps", "2024-06-06T10:00Z", { score: 6 }],
        ["nps", "2024-06-07T10:00Z", { score: 0 }],
      ],
      bad: [
        ["nps", "2024-06-08T10:00Z", { score: 11 }],
        ["nps", "2024-06-08T11:00Z", { score: "great" }],
      ],
    });
    const r = await run(j, {
      kind: "surveyScores",
      type: "nps",
      event: { event: "nps" },
      property: "score",
      range: june,
      segments: [
        { name: "pro", segment: { attribute: { property: "plan", scope: "user", op: "eq", value: "pro" } } },
      ],
    });
    expect(r.overall).toEqual({
      responses: 6,
      respondents: 5,
      score: 0,
      breakdown: { promoters: 2, passives: 2, detractors: 2 },
      ignored: 2,
    });
    expect(r.periods).toHaveLength(1);
    expect(r.bySegment?.[0]?.overall.score).toBe(100);
  });

  it("CSAT is the share of 4-5 answers and CES the mean", async () => {
    j = journeys({
      a: [
        ["survey", "2024-06-02T10:00Z", { s: 5 }],
        ["survey", "2024-06-03T10:00Z", { s: 4 }],
      ],
      b: [
        ["survey", "2024-06-04T10:00Z", { s: 3 }],
        ["survey", "2024-06-05T10:00Z", { s: 1 }],
      ],
    });
    const base = { event: { event: "survey" }, property: "s", range: june } as const;
    const csat = await run(j, { kind: "surveyScores", type: "csat", ...base });
    expect(csat.overall.score).toBe(50);
    expect(csat.overall.breakdown).toEqual({ satisfied: 2, other: 2 });
    const ces = await run(j, { kind: "surveyScores", type: "ces", ...base });
    expect(ces.overall.score).toBe(13 / 4);
  });
});

describe("messageEngagement", () => {
  it("gives open, click and click-to-open rates per campaign and conversion after open", async () => {
    j = journeys({
      u1: [
        ["send", "2024-06-02T10:00Z", { campaign: "A" }],
        ["open", "2024-06-02T11:00Z", { campaign: "A" }],
        ["click", "2024-06-02T11:01Z", { campaign: "A" }],
        ["purchase", "2024-06-02T20:00Z"], // within a day of the open
        ["send", "2024-06-05T10:00Z", { campaign: "B" }],
      ],
      u2: [
        ["send", "2024-06-02T10:00Z", { campaign: "A" }],
        ["open", "2024-06-03T08:00Z", { campaign: "A" }],
        ["open", "2024-06-03T09:00Z", { campaign: "A" }],
        ["purchase", "2024-06-06T08:00Z"], // three days later: not a conversion
      ],
      u3: [["send", "2024-06-02T10:00Z", { campaign: "A" }]],
    });
    const r = await run(j, {
      kind: "messageEngagement",
      send: { event: "send" },
      open: { event: "open" },
      click: { event: "click" },
      by: "campaign",
      conversion: { event: "purchase" },
      range: june,
    });
    const a = r.rows.find((x) => x.value === "A");
    expect(a).toMatchObject({
      messages: 3,
      sent: 3,
      delivered: 3,
      opened: 2,
      clicked: 1,
      openRate: 2 / 3,
      clickRate: 1 / 3,
      clickToOpen: 0.5,
      converted: 1,
      conversionRate: 0.5,
    });
    const b = r.rows.find((x) => x.value === "B");
    expect(b).toMatchObject({
      messages: 1,
      sent: 1,
      opened: 0,
      openRate: 0,
      clickToOpen: null,
      converted: 0,
    });
    expect(r.total).toMatchObject({ messages: 4, sent: 3, opened: 2, clicked: 1, converted: 1 });
  });

  it("uses the delivered event as the denominator when one is given", async () => {
    j = journeys({
      u1: [
        ["send", "2024-06-02T10:00Z"],
        ["delivered", "2024-06-02T10:01Z"],
        ["open", "2024-06-02T11:00Z"],
      ],
      u2: [["send", "2024-06-02T10:00Z"]],
    });
    const r = await run(j, {
      kind: "messageEngagement",
      send: { event: "send" },
      delivered: { event: "delivered" },
      open: { event: "open" },
      click: { event: "click" },
      range: june,
    });
    expect(r.total).toMatchObject({ sent: 2, delivered: 1, opened: 1, openRate: 1, converted: null });
    expect(r.rows).toEqual([]);
  });
});
