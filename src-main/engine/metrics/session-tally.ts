import type { SessionsResult } from "../../../src-preload/contract/metric-results.ts";
import type { Calendar } from "./calendar.ts";
import { rate } from "./context.ts";
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
  private readonly lengths: number[] = [];
  private readonly userDay: number[] = [];
  private readonly dayUsers: Int32Array;
  private readonly daySessions: Int32Array;
  private readonly daySeconds: Float64Array;
  private readonly spent = new Map<number, number>();
  private users = 0;

  constructor(cal: Calendar) {
    this.cal = cal;
    this.dayUsers = new Int32Array(cal.days);
    this.daySessions = new Int32Array(cal.days);
    this.daySeconds = new Float64Array(cal.days);
  }

  /** One user's sessions as (start, end) instants inside the calendar; none: not a user with sessions. */
  addUser(starts: ArrayLike<number>, ends: ArrayLike<number>): void {
    if (starts.length === 0) return;
    this.users++;
    // seconds per day this user spent, by session start day
    const spent = this.spent;
    spent.clear();
    let hint = -1;
    for (let i = 0; i < starts.length; i++) {
      const secs = ((ends[i] as number) - (starts[i] as number)) / 1000;
      this.lengths.push(secs);
      hint = this.cal.dayNear(starts[i] as number, hint);
      const d = hint;
      this.daySessions[d] = (this.daySessions[d] as number) + 1;
      this.daySeconds[d] = (this.daySeconds[d] as number) + secs;
      spent.set(d, (spent.get(d) ?? 0) + secs);
    }
    for (const [d, secs] of spent) {
      this.dayUsers[d] = (this.dayUsers[d] as number) + 1;
      this.userDay.push(secs);
    }
  }

  /** The result; `fromProperty`: how many sessions were cut by the session property. */
  result(fromProperty: number): SessionsResult {
    const { lengths, userDay, users } = this;
    const counts = new Array<number>(LENGTH_BOUNDS.length).fill(0);
    let total = 0;
    for (const secs of lengths) {
      total += secs;
      let b = LENGTH_BOUNDS.length - 1;
      while (b > 0 && secs < (LENGTH_BOUNDS[b] as number)) b--;
      counts[b] = (counts[b] as number) + 1;
    }
    let userDayTotal = 0;
    for (const s of userDay) userDayTotal += s;
    return {
      sessions: lengths.length,
      users,
      sessionsPerUser: rate(lengths.length, users),
      medianSeconds: median(lengths),
      avgSeconds: rate(total, lengths.length),
      sessionsFromProperty: fromProperty,
      lengths: { boundsSeconds: LENGTH_BOUNDS.slice(), counts },
      days: this.cal.dates.map((date, d) => ({
        date,
        users: this.dayUsers[d] as number,
        sessions: this.daySessions[d] as number,
        avgSecondsPerUser: rate(this.daySeconds[d] as number, this.dayUsers[d] as number),
      })),
      timePerUserDay: { avgSeconds: rate(userDayTotal, userDay.length), medianSeconds: median(userDay) },
    };
  }
}
