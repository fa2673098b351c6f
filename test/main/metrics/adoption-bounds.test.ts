import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { ON_CLICKHOUSE } from "../../helpers/clickhouse-query.ts";
import { type JourneyEvent, type Journeys, journeys } from "../../helpers/journeys.ts";
import { run } from "./helpers.ts";

// Adoption is users who did X among the users eligible (active) for it: never above 100%, even when X
// is something done TO users (a message send) by users who did nothing else.

// On the cluster (STRATA_QUERY_ON=clickhouse) every run pushes its own workspace first: fewer runs
const RUNS = ON_CLICKHOUSE ? 6 : 40;

let j: Journeys | undefined;
afterEach(() => j?.close());

const RANGE = { from: "2024-06-03", to: "2024-06-16" };

describe("featureAdoption bounds", () => {
  it("does not count a message sent to a user who was never active", async () => {
    j = journeys({
      a: [
        ["open", "2024-06-03T10:00Z"],
        ["email_sent", "2024-06-03T09:00Z"],
      ],
      b: [["email_sent", "2024-06-04T10:00Z"]],
      c: [["email_sent", "2024-06-05T10:00Z"]],
    });
    const r = await run(j, {
      kind: "featureAdoption",
      events: ["email_sent"],
      active: { event: "open" },
      range: RANGE,
    });
    expect(r.activeUsers).toBe(1);
    expect(r.features[0]).toMatchObject({ users: 1, adoption: 1 });
  });

  it("never exceeds 100% overall or per period, and matches a direct count (property)", async () => {
    const names = ["open", "email_sent", "share"] as const;
    const day = (d: number) => `2024-06-${String(3 + d).padStart(2, "0")}T12:00Z`;
    const spec = fc.dictionary(
      fc.constantFrom("u1", "u2", "u3", "u4", "u5"),
      fc.array(
        fc
          .tuple(fc.constantFrom(...names), fc.integer({ min: 0, max: 13 }))
          .map(([e, d]): JourneyEvent => [e, day(d)]),
        { maxLength: 6 },
      ),
    );
    await fc.assert(
      fc.asyncProperty(spec, async (users) => {
        const jj = journeys(users);
        try {
          const r = await run(jj, {
            kind: "featureAdoption",
            events: ["email_sent", "share"],
            active: { event: "open" },
            range: RANGE,
          });
          // reference: active = did "open" in range; X users = active users who did X
          const evs = Object.values(users);
          const active = evs.filter((es) => es.some(([e]) => e === "open"));
          expect(r.activeUsers).toBe(active.length);
          for (const f of r.features) {
            const did = active.filter((es) => es.some(([e]) => e === f.event)).length;
            expect(f.users).toBe(did);
            if (f.adoption !== null) expect(f.adoption).toBeLessThanOrEqual(1);
            for (const t of f.trend) {
              expect(t.users).toBeLessThanOrEqual(t.activeUsers);
              if (t.adoption !== null) expect(t.adoption).toBeLessThanOrEqual(1);
            }
          }
        } finally {
          jj.close();
        }
      }),
      { numRuns: RUNS },
    );
  }, 180_000);
});
