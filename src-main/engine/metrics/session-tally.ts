import type { SessionsResult } from "../../../src-preload/contract/metric-results.ts";
import { concatenated } from "../concatenated.ts";
import { outOfBounds } from "../typed-index.ts";
import { addInto } from "./add-counts.ts";
import type { Calendar } from "./calendar.ts";
import { rate } from "./context.ts";
import { GrowingF64 } from "./growing-f64.ts";
import { median } from "./stats.ts";

/** lower bounds of the session-length buckets, seconds */
export const LENGTH_BOUNDS = [0, 10, 30, 60, 180, 600, 1800, 3600, 10800];

/**
 * What the sessions result is made from: every session's length and every user-day's seconds, in the
 * order one pass over the users makes them, and per day the users, sessions and summed seconds.
 */
export interface SessionSums {
  dates: readonly string[];
  users: number;
  lengths: Float64Array;
  userDay: Float64Array;
  dayUsers: Int32Array;
  daySessions: Int32Array;
  daySeconds: Float64Array;
}

/**
 * One slice of users' sums (the query workers tally a slice each), with each session's day when
 * kept: a later slice's seconds are added to the days' sums before it one session at a time.
 */
export interface SessionShare extends SessionSums {
  sessionDays: Int32Array | null;
}

/**
 * The sessions kind's sums, fed user by user with each user's sessions in the order they were cut
 * (engine/metrics/sessions.ts, and the cluster's compiled sessions): floating-point sums of seconds
 * depend on their order, so both engines add through this one class.
 */
export class SessionTally {
  private readonly cal: Calendar;
  private readonly lengths = new GrowingF64();
  private readonly userDay = new GrowingF64();
  /** each session's day, kept for a slice after the first (null: not kept) */
  private readonly sessionDays: GrowingF64 | null;
  private readonly dayUsers: Int32Array;
  private readonly daySessions: Int32Array;
  private readonly daySeconds: Float64Array;
  // the current user's seconds per day, with the days in first-touched order (the order a Map
  // keyed by day would iterate, so the sums come out as they always did)
  private readonly spent: Float64Array;
  private readonly touched: Int32Array;
  private readonly seenBy: Int32Array;
  private users = 0;

  constructor(cal: Calendar, keepDays = false) {
    this.cal = cal;
    this.sessionDays = keepDays ? new GrowingF64() : null;
    this.dayUsers = new Int32Array(cal.days);
    this.daySessions = new Int32Array(cal.days);
    this.daySeconds = new Float64Array(cal.days);
    this.spent = new Float64Array(cal.days);
    this.touched = new Int32Array(cal.days);
    this.seenBy = new Int32Array(cal.days).fill(-1);
  }

  /**
   * One user's sessions as (start, end) instants inside the calendar, the first `count` of the
   * arrays (all of them by default); none: not a user with sessions.
   */
  addUser(starts: ArrayLike<number>, ends: ArrayLike<number>, count = starts.length): void {
    if (count === 0) return;
    const user = this.users++;
    const { cal, spent, touched, seenBy, daySessions, daySeconds, sessionDays } = this;
    let nTouched = 0;
    let hint = -1;
    for (let i = 0; i < count; i++) {
      const secs = ((ends[i] ?? outOfBounds()) - (starts[i] ?? outOfBounds())) / 1000;
      this.lengths.push(secs);
      hint = cal.dayNear(starts[i] ?? outOfBounds(), hint);
      const day = hint;
      sessionDays?.push(day);
      daySessions[day] = (daySessions[day] ?? outOfBounds()) + 1;
      daySeconds[day] = (daySeconds[day] ?? outOfBounds()) + secs;
      // the user's first session on this day: the day starts at 0, as a Map's missing entry would
      if (seenBy[day] !== user) {
        seenBy[day] = user;
        touched[nTouched++] = day;
        spent[day] = 0;
      }
      spent[day] = (spent[day] ?? outOfBounds()) + secs;
    }
    for (let i = 0; i < nTouched; i++) {
      const day = touched[i] ?? outOfBounds();
      this.dayUsers[day] = (this.dayUsers[day] ?? outOfBounds()) + 1;
      this.userDay.push(spent[day] ?? outOfBounds());
    }
  }

  /** The sums so far, as arrays of their own (a slice's share travels to the main thread). */
  share(): SessionShare {
    return {
      dates: this.cal.dates,
      users: this.users,
      lengths: this.lengths.values().slice(),
      userDay: this.userDay.values().slice(),
      dayUsers: this.dayUsers,
      daySessions: this.daySessions,
      daySeconds: this.daySeconds,
      sessionDays: this.sessionDays ? Int32Array.from(this.sessionDays.values()) : null,
    };
  }

  /** The result; `fromProperty`: how many sessions were cut by the session property. */
  result(fromProperty: number): SessionsResult {
    return sessionsResult(
      {
        dates: this.cal.dates,
        users: this.users,
        lengths: this.lengths.values(),
        userDay: this.userDay.values(),
        dayUsers: this.dayUsers,
        daySessions: this.daySessions,
        daySeconds: this.daySeconds,
      },
      fromProperty,
    );
  }
}

/**
 * The slices' shares as one pass over every user would have summed them: the lists joined in slice
 * order, the counts added, and the first slice's seconds per day with every later slice's sessions
 * added to them one at a time, in order.
 */
export function joinSessionShares(shares: readonly SessionShare[]): SessionSums {
  const [first, ...later] = shares;
  if (!first) throw new Error("sessions: no slice answered");
  const daySeconds = first.daySeconds.slice();
  const dayUsers = first.dayUsers.slice();
  const daySessions = first.daySessions.slice();
  let users = first.users;
  for (const share of later) {
    const days = share.sessionDays;
    if (!days) throw new Error("sessions: a later slice did not keep its sessions' days");
    users += share.users;
    addInto(dayUsers, share.dayUsers);
    addInto(daySessions, share.daySessions);
    for (let i = 0; i < days.length; i++) {
      const day = days[i] ?? outOfBounds();
      daySeconds[day] = (daySeconds[day] ?? outOfBounds()) + (share.lengths[i] ?? outOfBounds());
    }
  }
  return {
    dates: first.dates,
    users,
    lengths: concatenated(
      (n) => new Float64Array(n),
      shares.map((s) => s.lengths),
    ),
    userDay: concatenated(
      (n) => new Float64Array(n),
      shares.map((s) => s.userDay),
    ),
    dayUsers,
    daySessions,
    daySeconds,
  };
}

/** The result from the sums; `fromProperty`: how many sessions were cut by the session property. */
export function sessionsResult(sums: SessionSums, fromProperty: number): SessionsResult {
  const { lengths, userDay, users } = sums;
  const counts = new Array<number>(LENGTH_BOUNDS.length).fill(0);
  let total = 0;
  const last = LENGTH_BOUNDS.length - 1;
  for (let i = 0; i < lengths.length; i++) {
    const secs = lengths[i] ?? outOfBounds();
    total += secs;
    // the last bound <= secs, searched upward: most sessions are short
    let bucket = 0;
    while (bucket < last && secs >= (LENGTH_BOUNDS[bucket + 1] ?? outOfBounds())) bucket++;
    counts[bucket] = (counts[bucket] ?? outOfBounds()) + 1;
  }
  let userDayTotal = 0;
  for (let i = 0; i < userDay.length; i++) userDayTotal += userDay[i] ?? outOfBounds();
  return {
    sessions: lengths.length,
    users,
    sessionsPerUser: rate(lengths.length, users),
    medianSeconds: median(lengths),
    avgSeconds: rate(total, lengths.length),
    sessionsFromProperty: fromProperty,
    lengths: { boundsSeconds: LENGTH_BOUNDS.slice(), counts },
    days: sums.dates.map((date, d) => ({
      date,
      users: sums.dayUsers[d] ?? outOfBounds(),
      sessions: sums.daySessions[d] ?? outOfBounds(),
      avgSecondsPerUser: rate(sums.daySeconds[d] ?? outOfBounds(), sums.dayUsers[d] ?? outOfBounds()),
    })),
    timePerUserDay: {
      avgSeconds: rate(userDayTotal, userDay.length),
      medianSeconds: median(userDay),
    },
  };
}
