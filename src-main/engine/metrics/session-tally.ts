import type { SessionsResult } from "../../../src-preload/contract/metric-results.ts";
import { outOfBounds } from "../typed-index.ts";
import { bucketOf } from "./bucket.ts";
import { type Calendar, DAY_MS, INVERSE_DAY } from "./calendar.ts";
import { ChunkedF64 } from "./chunked-f64.ts";
import { LENGTH_BOUNDS, type SessionsPart, sessionsResult } from "./sessions-result.ts";

/**
 * The sessions kind's tally of one slice of users, fed user by user with each user's sessions
 * (engine/metrics/sessions.ts, and the cluster's compiled sessions). Lengths are summed in whole
 * milliseconds, which add exactly in any order, so slices of users join to the one-thread answer
 * and the seconds are divided out once. A session of length 0 (one event, or several at one
 * instant: most sessions in real exports) is counted, not listed: the medians place them first.
 */
export class SessionTally {
  private readonly cal: Calendar;
  private readonly lengths = new ChunkedF64();
  private readonly userDaySeconds = new ChunkedF64();
  private readonly lengthCounts = new Array<number>(LENGTH_BOUNDS.length).fill(0);
  private readonly dayUsers: Int32Array;
  private readonly daySessions: Int32Array;
  private readonly dayMs: Float64Array;
  // the current user's milliseconds per day, and the days the user touched
  private readonly spent: Float64Array;
  private readonly touched: Int32Array;
  private readonly seenBy: Int32Array;
  private users = 0;
  private sessions = 0;
  private zeroLengths = 0;
  private totalMs = 0;
  private userDays = 0;
  private zeroUserDays = 0;
  private userDayMs = 0;

  constructor(cal: Calendar) {
    this.cal = cal;
    this.dayUsers = new Int32Array(cal.days);
    this.daySessions = new Int32Array(cal.days);
    this.dayMs = new Float64Array(cal.days);
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
    const { cal, spent, touched, seenBy, daySessions, dayMs, lengthCounts, lengths } = this;
    // read once: a bundled module's export is a getter
    const bounds = LENGTH_BOUNDS;
    const last = bounds.length - 1;
    const dayOf = bucketOf;
    const dayLength = DAY_MS;
    const inverseDay = INVERSE_DAY;
    const uniform = cal.uniform;
    const firstMs = cal.startMs;
    let nTouched = 0;
    let hint = -1;
    let totalMs = 0;
    let zeros = 0;
    for (let i = 0; i < count; i++) {
      const start = starts[i] ?? outOfBounds();
      const ms = (ends[i] ?? outOfBounds()) - start;
      totalMs += ms;
      if (ms === 0) zeros++;
      else {
        const secs = ms / 1000;
        lengths.push(secs);
        // the last bound <= secs, searched upward: most sessions are short
        let bucket = 0;
        while (bucket < last && secs >= (bounds[bucket + 1] ?? outOfBounds())) bucket++;
        lengthCounts[bucket] = (lengthCounts[bucket] ?? outOfBounds()) + 1;
      }
      // a user's sessions are mostly days apart, where dayNear's guess misses, and its call is not
      // inlined in a loop this size: with days of 24 hours, the quotient (the tally ~13% faster)
      hint = uniform ? dayOf(start - firstMs, dayLength, inverseDay) : cal.dayNear(start, hint);
      const day = hint;
      daySessions[day] = (daySessions[day] ?? outOfBounds()) + 1;
      dayMs[day] = (dayMs[day] ?? outOfBounds()) + ms;
      if (seenBy[day] !== user) {
        seenBy[day] = user;
        touched[nTouched++] = day;
        spent[day] = ms;
      } else spent[day] = (spent[day] ?? outOfBounds()) + ms;
    }
    lengthCounts[0] = (lengthCounts[0] ?? outOfBounds()) + zeros;
    this.zeroLengths += zeros;
    this.totalMs += totalMs;
    this.sessions += count;
    this.userDays += nTouched;
    let userDayMs = 0;
    for (let i = 0; i < nTouched; i++) {
      const day = touched[i] ?? outOfBounds();
      this.dayUsers[day] = (this.dayUsers[day] ?? outOfBounds()) + 1;
      const ms = spent[day] ?? outOfBounds();
      userDayMs += ms;
      if (ms === 0) this.zeroUserDays++;
      else this.userDaySeconds.push(ms / 1000);
    }
    this.userDayMs += userDayMs;
  }

  /** The slice's share; `fromProperty`: how many of its sessions were cut by the session property. */
  part(fromProperty: number): SessionsPart {
    return {
      dates: this.cal.dates,
      users: this.users,
      sessions: this.sessions,
      fromProperty,
      zeroLengths: this.zeroLengths,
      lengths: this.lengths.chunks(),
      lengthCounts: this.lengthCounts,
      totalMs: this.totalMs,
      dayUsers: this.dayUsers,
      daySessions: this.daySessions,
      dayMs: this.dayMs,
      userDays: this.userDays,
      zeroUserDays: this.zeroUserDays,
      userDaySeconds: this.userDaySeconds.chunks(),
      userDayMs: this.userDayMs,
    };
  }

  /** The whole answer, when this tally saw every user. */
  result(fromProperty: number): SessionsResult {
    return sessionsResult([this.part(fromProperty)]);
  }
}
