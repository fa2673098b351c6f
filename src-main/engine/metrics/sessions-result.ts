import type { SessionsResult } from "../../../src-preload/contract/metric-results.ts";
import { medianWithZeros } from "../funnel/median.ts";
import { outOfBounds } from "../typed-index.ts";
import { addInto } from "./add-counts.ts";
import { rate } from "./context.ts";

/** lower bounds of the session-length buckets, seconds */
export const LENGTH_BOUNDS = [0, 10, 30, 60, 180, 600, 1800, 3600, 10800];

/** One slice of users' sessions (session-tally.ts); the whole answer joins every slice's. */
export interface SessionsPart {
  /** the calendar's days, the same in every slice */
  dates: string[];
  users: number;
  sessions: number;
  /** sessions cut by the session property */
  fromProperty: number;
  /** sessions of length 0, counted but not listed */
  zeroLengths: number;
  /** every other session's length, seconds, in chunks */
  lengths: Float64Array[];
  /** sessions per length bucket (LENGTH_BOUNDS) */
  lengthCounts: number[];
  /** every session's length added up, in whole milliseconds */
  totalMs: number;
  /** per day: users with a session starting that day, those sessions, their milliseconds */
  dayUsers: Int32Array;
  daySessions: Int32Array;
  dayMs: Float64Array;
  /** (user, day) pairs with sessions, those whose sessions add to 0, and the others' seconds */
  userDays: number;
  zeroUserDays: number;
  userDaySeconds: Float64Array[];
  /** every (user, day)'s milliseconds added up */
  userDayMs: number;
}

const sum = (parts: readonly SessionsPart[], of: (p: SessionsPart) => number) =>
  parts.reduce((total, p) => total + of(p), 0);

/**
 * The answer from every slice's share. Sums of whole milliseconds are exact below 2^53 ms (285,000
 * years), so they add in any order and each average is one rounding of the exact quotient.
 */
export function sessionsResult(parts: readonly SessionsPart[]): SessionsResult {
  const [first, ...rest] = parts;
  if (!first) throw new Error("sessions: no slice answered");
  const counts = first.lengthCounts.slice();
  const dayUsers = first.dayUsers.slice();
  const daySessions = first.daySessions.slice();
  const dayMs = first.dayMs.slice();
  for (const part of rest) {
    addInto(counts, part.lengthCounts);
    addInto(dayUsers, part.dayUsers);
    addInto(daySessions, part.daySessions);
    addInto(dayMs, part.dayMs);
  }
  const sessions = sum(parts, (p) => p.sessions);
  const users = sum(parts, (p) => p.users);
  const userDays = sum(parts, (p) => p.userDays);
  return {
    sessions,
    users,
    sessionsPerUser: rate(sessions, users),
    medianSeconds: medianWithZeros(
      sum(parts, (p) => p.zeroLengths),
      parts.flatMap((p) => p.lengths),
    ),
    avgSeconds: rate(
      sum(parts, (p) => p.totalMs),
      sessions * 1000,
    ),
    sessionsFromProperty: sum(parts, (p) => p.fromProperty),
    lengths: { boundsSeconds: LENGTH_BOUNDS.slice(), counts },
    days: first.dates.map((date, d) => ({
      date,
      users: dayUsers[d] ?? outOfBounds(),
      sessions: daySessions[d] ?? outOfBounds(),
      avgSecondsPerUser: rate(dayMs[d] ?? outOfBounds(), (dayUsers[d] ?? outOfBounds()) * 1000),
    })),
    timePerUserDay: {
      avgSeconds: rate(
        sum(parts, (p) => p.userDayMs),
        userDays * 1000,
      ),
      medianSeconds: medianWithZeros(
        sum(parts, (p) => p.zeroUserDays),
        parts.flatMap((p) => p.userDaySeconds),
      ),
    },
  };
}
