import fc from "fast-check";
import { describe, it } from "vitest";
import { joinSessions, sessions, sessionsPart } from "../../../src-main/engine/metrics/sessions.ts";
import type { SessionsQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { JourneySpec } from "../../helpers/journeys.ts";
import { joinsLikeOneThread } from "./helpers.ts";

// The query workers tally sessions a slice of users each; seconds per day are float sums, made in
// user order once every slice is in. Cut anywhere, the joined answer must be the one-thread answer
// to the last bit: session lengths such as 0.1 s and 0.7 s make a sum's order show.

// milliseconds after a day's noon: fractions of a second, gaps under and over 30 minutes
const step = fc.constantFrom(100, 200, 300, 700, 60_000, 29 * 60_000, 31 * 60_000, 5 * 3_600_000);
const user = fc.record({
  day: fc.integer({ min: 0, max: 1 }),
  steps: fc.array(step, { maxLength: 8 }),
  session: fc.option(fc.constantFrom("a", "b"), { nil: undefined }),
});

function spec(users: { day: number; steps: number[]; session: string | undefined }[]): JourneySpec {
  const out: JourneySpec = {};
  users.forEach((u, i) => {
    let t = Date.UTC(2024, 0, 1 + u.day, 12);
    out[`u${i}`] = [
      ["open", t],
      ...u.steps.map((s): [string, number, Record<string, string>] => {
        t += s;
        return ["tap", t, u.session === undefined ? {} : { session_id: u.session }];
      }),
    ];
  });
  return out;
}

const QUERY: SessionsQuery = { kind: "sessions", range: { from: "2024-01-01", to: "2024-01-20" } };

describe("sessions in slices of users", () => {
  it("join to the one-thread answer exactly, wherever the users are cut", () =>
    joinsLikeOneThread(
      fc.array(user, { minLength: 1, maxLength: 16 }).map(spec),
      {
        whole: (ctx) => sessions(QUERY, ctx),
        part: (ctx, from, to, keep) => sessionsPart(QUERY, ctx, from, to, keep),
        join: joinSessions,
      },
      150,
    ));
});
