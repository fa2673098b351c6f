import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sessions, sessionsPart } from "../../../src-main/engine/metrics/sessions.ts";
import { sessionsResult } from "../../../src-main/engine/metrics/sessions-result.ts";
import type { SessionsQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { SessionsResult } from "../../../src-preload/contract/metric-results.ts";
import { type JourneySpec, journeys } from "../../helpers/journeys.ts";
import { localDate } from "../../helpers/local-dates.ts";
import { joinsLikeOneThread, testContext } from "./helpers.ts";

// Sessions against a slow, obvious reference written from the spec's rule (not the engine's scan):
// per user, events with a session id make one session per id value (first to last such event);
// the others, in time order, start a new session after more than 30 minutes without one. A session
// belongs to the day it starts on. Averages are exact sums of milliseconds divided once; medians
// sort every value. Then the query workers' way: cut into slices anywhere, joined. Days are the
// timezone's local dates (Intl), in UTC and in two zones whose calendars the tally reads otherwise.
// And a segment's members only, counting only the events a filter keeps.

const DAY = 86_400_000;
const FROM = Date.UTC(2024, 0, 1);
const QUERY: SessionsQuery = { kind: "sessions", range: { from: "2024-01-01", to: "2024-01-03" } };

/** A range of three local days: their dates, and an instant near the first's start. */
interface Zone {
  tz: string;
  dates: [string, string, string];
  base: number;
}
const UTC_ZONE: Zone = { tz: "UTC", dates: ["2024-01-01", "2024-01-02", "2024-01-03"], base: FROM };
// Kolkata: days of 24 hours that start at 18:30 UTC (the inline quotient of a non-UTC calendar);
// New York over its spring-forward day (a 23-hour day: dayNear's path)
const ZONES: Zone[] = [
  { tz: "Asia/Kolkata", dates: ["2024-03-09", "2024-03-10", "2024-03-11"], base: Date.UTC(2024, 2, 9) },
  { tz: "America/New_York", dates: ["2024-03-09", "2024-03-10", "2024-03-11"], base: Date.UTC(2024, 2, 9) },
];

const BOUNDS = [0, 10, 30, 60, 180, 600, 1800, 3600, 10800];

type Id = string | number | undefined;
interface Ev {
  t: number;
  id: Id;
}

// times from the day before the range to the day after it, clustered so that gaps of 0, under and
// over 30 minutes all happen, and at the last and first millisecond of UTC's, New York's and
// Kolkata's days; ids as strings and numbers ("1" and 1 are different sessions)
const eventNear = (base: number) =>
  fc.record({
    t: fc.oneof(
      fc.integer({ min: base - DAY, max: base + 4 * DAY }),
      fc
        .constantFrom(-1, 0, 1, 999, 29 * 60_000, 30 * 60_000, 30 * 60_000 + 1, 3 * 3_600_000)
        .map((d) => base + DAY + d),
      fc
        .tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(4, 5, -5.5), fc.constantFrom(-1, 0))
        .map(([d, h, ms]) => base + d * DAY + h * 3_600_000 + ms),
    ),
    id: fc.option(fc.constantFrom<string | number>("a", "b", "1", 1), { nil: undefined }),
  });
const usersNear = (base: number) =>
  fc.array(fc.array(eventNear(base), { maxLength: 7 }), { minLength: 1, maxLength: 9 });
const users = usersNear(FROM);

// without any session id (the engine's loop for that usual case): times also at the range's first
// and last milliseconds and just outside them, and in chains exactly 30 minutes apart
const noIdEvent = fc.oneof(
  eventNear(FROM).map(({ t }): Ev => ({ t, id: undefined })),
  fc
    .constantFrom(
      -1,
      0,
      3 * DAY - 1,
      3 * DAY,
      DAY,
      DAY + 30 * 60_000,
      DAY + 60 * 60_000,
      DAY + 90 * 60_000 + 1,
    )
    .map((d): Ev => ({ t: FROM + d, id: undefined })),
);
const usersWithoutIds = fc.array(fc.array(noIdEvent, { maxLength: 7 }), { minLength: 1, maxLength: 9 });

function spec(us: Ev[][]): JourneySpec {
  const out: JourneySpec = {};
  us.forEach((evs, i) => {
    out[`u${i}`] = evs.map((e): [string, number, Record<string, string | number>] => [
      "tap",
      e.t,
      e.id === undefined ? {} : { session_id: e.id },
    ]);
  });
  return out;
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
};
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

function reference(us: Ev[][], zone: Zone = UTC_ZONE): SessionsResult {
  const dayOf = (t: number) => zone.dates.indexOf(localDate(t, zone.tz));
  const all: { user: number; start: number; ms: number }[] = [];
  let fromProperty = 0;
  us.forEach((evs, user) => {
    const inRange = evs.filter((e) => dayOf(e.t) >= 0);
    const byId = new Map<string, number[]>();
    for (const e of inRange.filter((x) => x.id !== undefined)) {
      const key = `${typeof e.id}:${e.id}`;
      byId.set(key, [...(byId.get(key) ?? []), e.t]);
    }
    for (const ts of byId.values()) {
      all.push({ user, start: Math.min(...ts), ms: Math.max(...ts) - Math.min(...ts) });
      fromProperty++;
    }
    const times = inRange.filter((x) => x.id === undefined).map((x) => x.t);
    times.sort((a, b) => a - b);
    let s = Number.NaN;
    let last = Number.NaN;
    for (const t of times) {
      if (t - last > 30 * 60_000 || Number.isNaN(last)) {
        if (!Number.isNaN(s)) all.push({ user, start: s, ms: last - s });
        s = t;
      }
      last = t;
    }
    if (!Number.isNaN(s)) all.push({ user, start: s, ms: last - s });
  });
  const userDays = new Map<string, number>();
  for (const x of all)
    userDays.set(`${x.user}/${dayOf(x.start)}`, (userDays.get(`${x.user}/${dayOf(x.start)}`) ?? 0) + x.ms);
  const nUsers = new Set(all.map((x) => x.user)).size;
  const totalMs = all.reduce((a, x) => a + x.ms, 0);
  return {
    sessions: all.length,
    users: nUsers,
    sessionsPerUser: ratio(all.length, nUsers),
    medianSeconds: median(all.map((x) => x.ms / 1000)),
    avgSeconds: ratio(totalMs, 1000 * all.length),
    sessionsFromProperty: fromProperty,
    lengths: {
      boundsSeconds: BOUNDS,
      counts: BOUNDS.map(
        (b, k) => all.filter((x) => x.ms / 1000 >= b && x.ms / 1000 < (BOUNDS[k + 1] ?? Infinity)).length,
      ),
    },
    days: zone.dates.map((date, d) => {
      const those = all.filter((x) => dayOf(x.start) === d);
      const dayUsers = new Set(those.map((x) => x.user)).size;
      return {
        date,
        users: dayUsers,
        sessions: those.length,
        avgSecondsPerUser: ratio(
          those.reduce((a, x) => a + x.ms, 0),
          1000 * dayUsers,
        ),
      };
    }),
    timePerUserDay: {
      avgSeconds: ratio(
        [...userDays.values()].reduce((a, b) => a + b, 0),
        1000 * userDays.size,
      ),
      medianSeconds: median([...userDays.values()].map((ms) => ms / 1000)),
    },
  };
}

describe("sessions", () => {
  it("match a slow reference of the spec's rule", async () => {
    await fc.assert(
      fc.asyncProperty(users, async (us) => {
        const j = journeys(spec(us));
        try {
          expect(await sessions(QUERY, testContext(j, {}))).toEqual(reference(us));
        } finally {
          j.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it("match the reference when no event carries a session id, for everyone and for a segment", async () => {
    const twice: SessionsQuery = {
      ...QUERY,
      segment: { performed: { event: "tap" }, count: { op: "gte", value: 2 } },
    };
    await fc.assert(
      fc.asyncProperty(usersWithoutIds, async (us) => {
        const j = journeys(spec(us));
        try {
          expect(await sessions(QUERY, testContext(j, {}))).toEqual(reference(us));
          const members = us.map((evs) => (evs.length >= 2 ? evs : []));
          expect(await sessions(twice, testContext(j, twice))).toEqual(reference(members));
        } finally {
          j.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  for (const zone of ZONES)
    it(`match the reference in ${zone.tz}'s days`, async () => {
      const [from, , to] = zone.dates;
      const query: SessionsQuery = { kind: "sessions", range: { from, to }, timezone: zone.tz };
      await fc.assert(
        fc.asyncProperty(usersNear(zone.base), fc.boolean(), async (withIds, keepIds) => {
          // without ids too: the usual case's loop, whose user-days end as the next begins
          const us = keepIds
            ? withIds
            : withIds.map((evs) => evs.map((e): Ev => ({ t: e.t, id: undefined })));
          const j = journeys(spec(us));
          try {
            expect(await sessions(query, testContext(j, query))).toEqual(reference(us, zone));
          } finally {
            j.close();
          }
        }),
        { numRuns: 100 },
      );
    });

  it("match the reference for a segment's members, counting the events a filter keeps", async () => {
    const query: SessionsQuery = {
      ...QUERY,
      segment: { performed: { event: "tap", where: [{ property: "session_id", op: "eq", value: "a" }] } },
      where: [{ property: "session_id", op: "isNotSet" }],
    };
    await fc.assert(
      fc.asyncProperty(users, async (drawn) => {
        // a user whose one event, before the range, carries the property the filters name (a
        // property no event carries is refused)
        const us = [...drawn, [{ t: FROM - 2 * DAY, id: "z" }]];
        const j = journeys(spec(us));
        try {
          // the members: users with an event of session "a", at any time; their events without an id
          const kept = us.map((evs) =>
            evs.some((e) => e.id === "a") ? evs.filter((e) => e.id === undefined) : [],
          );
          expect(await sessions(query, testContext(j, query))).toEqual(reference(kept));
        } finally {
          j.close();
        }
      }),
      { numRuns: 100 },
    );
  });

  it("join to the one-thread answer exactly, wherever the users are cut", () =>
    joinsLikeOneThread(
      users.map(spec),
      {
        whole: (ctx) => sessions(QUERY, ctx),
        part: (ctx, from, to) => sessionsPart(QUERY, ctx, from, to),
        join: sessionsResult,
      },
      100,
    ));
});
