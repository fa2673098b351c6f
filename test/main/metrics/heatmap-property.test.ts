import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { ON_CLICKHOUSE } from "../../helpers/clickhouse-query.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { run } from "./helpers.ts";

// The heatmap places each event by its local weekday and hour: on ranges whose days are all 24 hours
// (UTC, a zone without DST, a DST zone away from its changes) from hours since the range's start,
// elsewhere day by day. Both must equal Intl's own reading of every event, the reference here.

// On the cluster (STRATA_QUERY_ON=clickhouse) every run pushes its own workspace first: fewer runs
const RUNS = ON_CLICKHOUSE ? 6 : 25;

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function localCell(t: number, tz: string): { date: string; cell: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    weekday: "short",
    hour: "numeric",
    hourCycle: "h23",
  }).formatToParts(t);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const date = `${get("year")}-${get("month")}-${get("day")}`;
  return { date, cell: WEEKDAYS.indexOf(get("weekday")) * 24 + Number(get("hour")) };
}

/** Cells and total by reading every event with Intl: events, or distinct users per cell. */
function reference(
  users: { event: string; t: number }[][],
  tz: string,
  range: { from: string; to: string },
  measure: "events" | "users",
  only: string | null,
): { cells: number[][]; total: number } {
  const counts = new Array<number>(168).fill(0);
  let total = 0;
  for (const evs of users) {
    const cells = new Set<number>();
    let any = false;
    for (const e of evs) {
      if (only !== null && e.event !== only) continue;
      const { date, cell } = localCell(e.t, tz);
      if (date < range.from || date > range.to) continue;
      any = true;
      if (measure === "events") {
        counts[cell] = (counts[cell] ?? 0) + 1;
        total++;
      } else cells.add(cell);
    }
    if (measure === "users") {
      for (const c of cells) counts[c] = (counts[c] ?? 0) + 1;
      if (any) total++;
    }
  }
  return { cells: Array.from({ length: 7 }, (_, w) => counts.slice(w * 24, w * 24 + 24)), total };
}

const BASE = Date.parse("2024-03-20T00:00:00Z");
const event = fc.record({
  event: fc.constantFrom("a", "b"),
  // 25 days from March 20th, past Europe/Berlin's change on March 31st
  t: fc.integer({ min: 0, max: 25 * 86_400_000 }).map((ms) => BASE + ms),
});

describe("activityHeatmap cells", () => {
  it("equal Intl's weekday and hour of every event, in every zone, measure and filter", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(event, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom("UTC", "Asia/Kolkata", "Europe/Berlin", "America/St_Johns"),
        fc.constantFrom(
          { from: "2024-03-22", to: "2024-03-29" },
          { from: "2024-03-25", to: "2024-04-05" },
          { from: "2024-04-01", to: "2024-04-12" },
        ),
        fc.constantFrom("events" as const, "users" as const),
        fc.constantFrom(null, "a"),
        async (users, tz, range, measure, only) => {
          const spec: Record<string, [string, number][]> = {};
          users.forEach((evs, i) => {
            spec[`u${i}`] = evs.map((e): [string, number] => [e.event, e.t]);
          });
          j?.close();
          j = journeys(spec);
          const got = await run(j, {
            kind: "activityHeatmap",
            range,
            timezone: tz,
            measure,
            ...(only ? { event: { event: only } } : {}),
          });
          const want = reference(users, tz, range, measure, only);
          expect(got.cells).toEqual(want.cells);
          expect(got.total).toBe(want.total);
        },
      ),
      { numRuns: RUNS },
    );
  }, 180_000);
});
