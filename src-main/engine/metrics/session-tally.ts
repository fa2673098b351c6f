import type { SessionsResult } from "../../../src-preload/contract/metric-results.ts";
import { outOfBounds } from "../typed-index.ts";
import type { Calendar } from "./calendar.ts";
import { rate } from "./context.ts";
import { GrowingF64 } from "./growing-f64.ts";
import { median } from "./stats.ts";

/** lower bounds of the session-length buckets, seconds */
export const LENGTH_BOUNDS = [0, 10, 30, 60, 180, 600, 1800, 3600, 10800];

/**
 * The sessions kind's sums, fed user by user with each user's sessions in the order they were cut
 * (engine/metrics/sessions.ts, and the cluster's compiled sessions): floating-point sums of seconds
 * depend on their order, so both engines add through this one class.
 */
export class SessionTally {
  private readonly cal: Calendar;
  private readonly lengths = new GrowingF64();
  private readonly userDay = new GrowingF64();
  private readonly dayUsers: Int32Array;
  private readonly daySessions: Int32Array;
  private readonly daySeconds: Float64Array;
  // the current user's seconds per day, with the days in first-touched order (the order a Map
  // keyed by day would iterate, so the sums come out as they always did)
  private readonly spent: Float64Array;
  private readonly touched: Int32Array;
  private readonly seenBy: Int32Array;
  private users = 0;

  constructor(cal: Calendar) {
    this.cal = cal;
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
    const { cal, spent, touched, seenBy, daySessions, daySeconds } = this;
    let nTouched = 0;
    let hint = -1;
    for (let i = 0; i < count; i++) {
      const secs = ((ends[i] ?? outOfBounds()) - (starts[i] ?? outOfBounds())) / 1000;
      this.lengths.push(secs);
      hint = cal.dayNear(starts[i] ?? outOfBounds(), hint);
      const day = hint;
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

  /** The result; `fromProperty`: how many sessions were cut by the session property. */
  result(fromProperty: number): SessionsResult {
    const { lengths, userDay, users } = this;
    const counts = new Array<number>(LENGTH_BOUNDS.length).fill(0);
    let total = 0;
    const last = LENGTH_BOUNDS.length - 1;
    for (let i = 0; i < lengths.n; i++) {
      const secs = lengths.at(i);
      total += secs;
      // the last bound <= secs, searched upward: most sessions are short
      let bucket = 0;
      while (bucket < last && secs >= (LENGTH_BOUNDS[bucket + 1] ?? outOfBounds())) bucket++;
      counts[bucket] = (counts[bucket] ?? outOfBounds()) + 1;
    }
    let userDayTotal = 0;
    for (let i = 0; i < userDay.n; i++) userDayTotal += userDay.at(i);
    return {
      sessions: lengths.n,
      users,
      sessionsPerUser: rate(lengths.n, users),
      medianSeconds: median(lengths.values()),
      avgSeconds: rate(total, lengths.n),
      sessionsFromProperty: fromProperty,
      lengths: { boundsSeconds: LENGTH_BOUNDS.slice(), counts },
      days: this.cal.dates.map((date, d) => ({
        date,
        users: this.dayUsers[d] ?? outOfBounds(),
        sessions: this.daySessions[d] ?? outOfBounds(),
        avgSecondsPerUser: rate(this.daySeconds[d] ?? outOfBounds(), this.dayUsers[d] ?? outOfBounds()),
      })),
      timePerUserDay: {
        avgSeconds: rate(userDayTotal, userDay.n),
        medianSeconds: median(userDay.values()),
      },
    };
  }
}
