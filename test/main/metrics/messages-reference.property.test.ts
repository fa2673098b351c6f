import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MessageRow, Value } from "../../../src-preload/contract/metric-results.ts";
import { ON_CLICKHOUSE } from "../../helpers/clickhouse-query.ts";
import { type JourneySpec, journeys } from "../../helpers/journeys.ts";
import { fixed, run } from "./helpers.ts";

// messageEngagement by campaign against a slow, obvious reference written from metrics.md: only
// events in the range count; per campaign, users who got a send (delivered: the same, there is no
// delivered matcher), an open, a click, and "converted" when a purchase comes after their first
// open of that campaign (time, then import order) within a day, inclusive. Campaigns are ranked by
// their users (ties by value as text), `limit` kept; the rest is one "other" row of distinct users,
// each with the stages they reached in any merged campaign, and the merged campaigns' sends added.
// The total is the same over all campaigns, its window from the user's first open of any.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FROM_MS = Date.parse("2024-06-01T00:00:00Z");
const END_MS = Date.parse("2024-07-01T00:00:00Z");

type Name = "send" | "open" | "click" | "purchase" | "other";
interface Ev {
  name: Name;
  t: number;
  campaign: string | undefined;
}

// a 6-hour grid (same-instant ties, conversions exactly a day after an open) from before the range
// to after it, and its edges
const event = fc.record({
  name: fc.constantFrom<Name>("send", "send", "open", "open", "click", "purchase", "other"),
  t: fc.oneof(
    fc.integer({ min: -4, max: 30 * 4 + 4 }).map((k) => FROM_MS + k * 6 * HOUR),
    fc.constantFrom(FROM_MS - 1, END_MS - 1, END_MS),
  ),
  campaign: fc.constantFrom<string | undefined>("x", "y", "z", "w", "x", undefined),
});
// and one send long before the range, so that the workspace knows the property
const users = fc
  .array(fc.array(event, { maxLength: 10 }), { minLength: 1, maxLength: 10 })
  .map((us): Ev[][] => [...us, [{ name: "send", t: FROM_MS - 100 * DAY, campaign: "x" }]]);

function spec(us: Ev[][]): JourneySpec {
  const out: JourneySpec = {};
  us.forEach((evs, user) => {
    out[`u${user}`] = evs.map((e): [string, number, Record<string, string>] => [
      e.name,
      e.t,
      e.campaign === undefined ? {} : { campaign: e.campaign },
    ]);
  });
  return out;
}

interface Funnel {
  sent: boolean;
  opened: boolean;
  clicked: boolean;
  converted: boolean;
}

/** One user's funnel over their in-range events (time then import order) that pass `inGroup`. */
function funnelOf(evs: Ev[], inGroup: (e: Ev) => boolean): Funnel | null {
  const mine = evs.filter((e) => e.name !== "purchase" && e.name !== "other" && inGroup(e));
  if (mine.length === 0) return null;
  const firstOpen = evs.find((e) => e.name === "open" && inGroup(e));
  const after = firstOpen ? evs.slice(evs.indexOf(firstOpen) + 1) : [];
  return {
    sent: mine.some((e) => e.name === "send"),
    opened: firstOpen !== undefined,
    clicked: mine.some((e) => e.name === "click"),
    converted:
      firstOpen !== undefined && after.some((e) => e.name === "purchase" && e.t - firstOpen.t <= DAY),
  };
}

const rate = (n: number, d: number) => (d === 0 ? null : n / d);

function row(value: Value, messages: number, funnels: Funnel[]): MessageRow {
  const count = (stage: keyof Funnel) => funnels.filter((f) => f[stage]).length;
  const [sent, opened, clicked, converted] = [
    count("sent"),
    count("opened"),
    count("clicked"),
    count("converted"),
  ];
  return {
    value,
    messages,
    sent,
    delivered: sent,
    opened,
    clicked,
    openRate: rate(opened, sent),
    clickRate: rate(clicked, sent),
    clickToOpen: rate(clicked, opened),
    converted,
    conversionRate: rate(converted, opened),
  };
}

function reference(us: Ev[][], limit: number) {
  const inRange = us.map((evs) =>
    evs
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => e.t >= FROM_MS && e.t < END_MS)
      .sort((a, b) => a.e.t - b.e.t || a.i - b.i)
      .map(({ e }) => e),
  );
  const campaignOf = (e: Ev): Value => e.campaign ?? null;
  const values = [
    ...new Set(
      inRange
        .flat()
        .filter((e) => e.name !== "purchase" && e.name !== "other")
        .map(campaignOf),
    ),
  ];
  const funnelsIn = (inSet: (v: Value) => boolean) =>
    inRange.flatMap((evs) => funnelOf(evs, (e) => inSet(campaignOf(e))) ?? []);
  const sendsIn = (inSet: (v: Value) => boolean) =>
    inRange.flat().filter((e) => e.name === "send" && inSet(campaignOf(e))).length;
  const ranked = values
    .map((value) => ({ value, funnels: funnelsIn((v) => v === value) }))
    .sort((a, b) => b.funnels.length - a.funnels.length || String(a.value).localeCompare(String(b.value)));
  const kept = ranked.slice(0, limit);
  const rows = kept.map((g) =>
    row(
      g.value,
      sendsIn((v) => v === g.value),
      g.funnels,
    ),
  );
  if (ranked.length > limit) {
    // per user, each merged campaign's funnel on its own (its own first open), then any of them
    const merged = ranked.slice(limit).map((g) => g.value);
    const anyOf = inRange.flatMap((evs) => {
      const each = merged.flatMap((value) => funnelOf(evs, (e) => campaignOf(e) === value) ?? []);
      if (each.length === 0) return [];
      const some = (stage: keyof Funnel) => each.some((f) => f[stage]);
      return [
        {
          sent: some("sent"),
          opened: some("opened"),
          clicked: some("clicked"),
          converted: some("converted"),
        },
      ];
    });
    rows.push({
      ...row(
        null,
        sendsIn((v) => merged.includes(v)),
        anyOf,
      ),
      other: true,
    });
  }
  return {
    total: row(
      null,
      sendsIn(() => true),
      funnelsIn(() => true),
    ),
    rows,
  };
}

describe("messageEngagement", () => {
  it("matches a slow reference of the documented rules, the other row included", async () => {
    await fc.assert(
      fc.asyncProperty(users, fc.integer({ min: 1, max: 3 }), async (us, limit) => {
        const j = journeys(spec(us), fixed("2024-06-30"));
        try {
          const r = await run(j, {
            kind: "messageEngagement",
            send: { event: "send" },
            open: { event: "open" },
            click: { event: "click" },
            by: "campaign",
            conversion: { event: "purchase" },
            limit,
            range: { from: "2024-06-01", to: "2024-06-30" },
          });
          expect(r).toEqual(reference(us, limit));
        } finally {
          j.close();
        }
      }),
      // each run pushes a workspace to the cluster under STRATA_QUERY_ON=clickhouse
      { numRuns: ON_CLICKHOUSE ? 12 : 80 },
    );
  });
});
