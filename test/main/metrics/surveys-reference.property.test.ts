import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SurveyScore } from "../../../src-preload/contract/metric-results.ts";
import { type JourneySpec, journeys } from "../../helpers/journeys.ts";
import { fixed, run } from "./helpers.ts";

// Survey scores against a slow, obvious reference written from the result's contract: a response
// is a survey event in the range; its score is the property's number, or a string that reads as
// one once trimmed; a response without a score on the type's scale (NPS 0-10, CSAT 1-5, CES 1-7)
// is counted as ignored. NPS is the share of promoters (9-10) less that of detractors (0-6), times
// 100; CSAT the share of satisfied (4-5) times 100; CES the mean. Respondents are the users with a
// scored response. Overall and per calendar month (UTC).

const DAY = 86_400_000;
const FROM = "2024-05-01";
const TO = "2024-06-30";
const FROM_MS = Date.parse(`${FROM}T00:00:00Z`);
const JUNE_MS = Date.parse("2024-06-01T00:00:00Z");
const END_MS = Date.parse("2024-07-01T00:00:00Z");

type Score = number | string | boolean | undefined;
interface Ev {
  name: "survey" | "open";
  t: number;
  score: Score;
}

const score = fc.constantFrom<Score>(
  0,
  1,
  3,
  4,
  5,
  6,
  7,
  8,
  8.5,
  9,
  10,
  11,
  -1,
  "9",
  " 7 ",
  "",
  // blank: not a 0 (which Number("  ") would read)
  "  ",
  "abc",
  true,
  undefined,
);
// from a week before the range to a week after it, often at a month's first or last millisecond
const event = fc.record({
  name: fc.constantFrom<Ev["name"]>("survey", "survey", "open"),
  t: fc.oneof(
    fc.integer({ min: FROM_MS - 7 * DAY, max: END_MS + 7 * DAY }),
    fc.constantFrom(FROM_MS - 1, FROM_MS, JUNE_MS - 1, JUNE_MS, END_MS - 1, END_MS),
  ),
  score,
});
// and one response long before the range, so that the workspace knows the property
const users = fc
  .array(fc.array(event, { maxLength: 8 }), { minLength: 1, maxLength: 8 })
  .map((us): Ev[][] => [...us, [{ name: "survey", t: FROM_MS - 100 * DAY, score: 5 }]]);

function spec(us: Ev[][]): JourneySpec {
  const out: JourneySpec = {};
  us.forEach((evs, i) => {
    out[`u${i}`] = evs.map((e): [string, number, Record<string, string | number | boolean>] => [
      e.name,
      e.t,
      e.score === undefined ? {} : { score: e.score },
    ]);
  });
  return out;
}

type SurveyType = "nps" | "csat" | "ces";
const SCALE: Record<SurveyType, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

function read(s: Score): number | null {
  if (typeof s === "number") return s;
  if (typeof s !== "string" || s.trim() === "") return null;
  const n = Number(s.trim());
  return Number.isFinite(n) ? n : null;
}

/** The score of the responses given as [user, score] in the engine's order (user, then time). */
function scoreOf(type: SurveyType, responses: [number, Score][]): SurveyScore {
  const [lo, hi] = SCALE[type];
  const scored = responses.flatMap(([user, s]) => {
    const v = read(s);
    return v !== null && v >= lo && v <= hi ? [{ user, v }] : [];
  });
  const n = scored.length;
  const count = (keep: (v: number) => boolean) => scored.filter((r) => keep(r.v)).length;
  const base = {
    responses: n,
    respondents: new Set(scored.map((r) => r.user)).size,
    ignored: responses.length - n,
  };
  if (type === "nps") {
    const [promoters, passives, detractors] = [
      count((v) => v >= 9),
      count((v) => v >= 7 && v < 9),
      count((v) => v < 7),
    ];
    return {
      ...base,
      score: n ? ((promoters - detractors) / n) * 100 : null,
      breakdown: { promoters, passives, detractors },
    };
  }
  if (type === "csat") {
    const satisfied = count((v) => v >= 4);
    return {
      ...base,
      score: n ? (satisfied / n) * 100 : null,
      breakdown: { satisfied, other: n - satisfied },
    };
  }
  let sum = 0;
  for (const r of scored) sum += r.v;
  return { ...base, score: n ? sum / n : null, breakdown: {} };
}

function reference(us: Ev[][], type: SurveyType) {
  const responses = us.flatMap((evs, user) =>
    evs
      .map((e, i) => ({ ...e, i }))
      .filter((e) => e.name === "survey" && e.t >= FROM_MS && e.t < END_MS)
      .sort((a, b) => a.t - b.t || a.i - b.i)
      .map((e): [number, Score, number] => [user, e.score, e.t]),
  );
  const within = (lo: number, hi: number) =>
    responses.filter(([, , t]) => t >= lo && t < hi).map(([user, s]): [number, Score] => [user, s]);
  return {
    type,
    overall: scoreOf(type, within(FROM_MS, END_MS)),
    periods: [
      { start: "2024-05-01", ...scoreOf(type, within(FROM_MS, JUNE_MS)) },
      { start: "2024-06-01", ...scoreOf(type, within(JUNE_MS, END_MS)) },
    ],
  };
}

describe("surveyScores", () => {
  for (const type of ["nps", "csat", "ces"] as const)
    it(`match a slow reference of the contract: ${type}`, async () => {
      await fc.assert(
        fc.asyncProperty(users, async (us) => {
          const j = journeys(spec(us), fixed(TO));
          try {
            const r = await run(j, {
              kind: "surveyScores",
              type,
              event: { event: "survey" },
              property: "score",
              range: { from: FROM, to: TO },
              interval: "month",
            });
            expect(r).toEqual(reference(us, type));
          } finally {
            j.close();
          }
        }),
        { numRuns: 80 },
      );
    });
});
