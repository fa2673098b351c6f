import type { SessionsResult } from "../../../src-preload/contract/metric-results.ts";
import { outOfBounds } from "../typed-index.ts";
import { bucketOf } from "./bucket.ts";
import { type Calendar, DAY_MS, INVERSE_DAY } from "./calendar.ts";
import { ChunkedF64 } from "./chunked-f64.ts";
import { LENGTH_BOUNDS, type SessionsPart, sessionsResult } from "./sessions-result.ts";

// read once: in the built bundle another module's export is a getter, each read a call in the
// per-session code below
const BOUNDS = LENGTH_BOUNDS;
const LAST_BOUND = BOUNDS.length - 1;
const dayOf = bucketOf;
const DAY = DAY_MS;
const INVERSE = INVERSE_DAY;

/**
 * The sessions kind's tally of one slice of users, fed session by session, user after user
 * (engine/metrics/sessions.ts, and the cluster's compiled sessions). Lengths are summed in whole
 * milliseconds, which add exactly in any order, so slices of users join to the one-thread answer
 * and the seconds are divided out once. A session of length 0 (one event, or several at one
 * instant: most sessions in real exports) is counted, not listed: the medians place them first.
 */
export class SessionTally {
  private readonly cal: Calendar;
  private readonly uniform: boolean;
  private readonly firstMs: number;
  private readonly lengths = new ChunkedF64();
  private readonly userDaySeconds = new ChunkedF64();
  /** sessions per length bucket, those of length 0 left out: part() adds them to the first */
  private readonly lengthCounts = new Array<number>(BOUNDS.length).fill(0);
  private readonly dayUsers: Int32Array;
  private readonly daySessions: Int32Array;
  private readonly dayMs: Float64Array;
  // the current user's milliseconds per day, and the days the user touched
  private readonly spent: Float64Array;
  private readonly touched: Int32Array;
  private readonly seenBy: Int32Array;
  // the current user: sessions so far, days touched, the last session's day
  private count = 0;
  private nTouched = 0;
  private hint = -1;
  private users = 0;
  private sessions = 0;
  private zeroLengths = 0;
  private totalMs = 0;
  private userDays = 0;
  private zeroUserDays = 0;
  private userDayMs = 0;
  // addInOrder's current user-day, and the milliseconds spent on it so far
  private day = -1;
  private daySpent = 0;
  private dayCount = 0;

  constructor(cal: Calendar) {
    this.cal = cal;
    this.uniform = cal.uniform;
    this.firstMs = cal.startMs;
    this.dayUsers = new Int32Array(cal.days);
    this.daySessions = new Int32Array(cal.days);
    this.dayMs = new Float64Array(cal.days);
    this.spent = new Float64Array(cal.days);
    this.touched = new Int32Array(cal.days);
    this.seenBy = new Int32Array(cal.days).fill(-1);
  }

  /**
   * One session of the current user, from `start` to `end` (instants inside the calendar): a gap
   * session as the caller's loop over events cuts it, a session of one id value after that loop.
   * Listing each user's sessions first and tallying the list cost a store and a load per session
   * and a call per user: at 10M events on one thread the sessions kind took 237-281 ms that way
   * against 199-207 now (best of 8 runs).
   */
  add(start: number, end: number): void {
    const ms = end - start;
    const day = this.session(start, ms);
    const { spent, seenBy } = this;
    if (seenBy[day] !== this.users) {
      seenBy[day] = this.users;
      this.touched[this.nTouched++] = day;
      spent[day] = ms;
    } else spent[day] = (spent[day] ?? outOfBounds()) + ms;
  }

  /**
   * One session of the current user whose sessions all come in order of start (the gap rule's loop
   * without session ids): a day once left is not met again, so each user-day is finished as the
   * next one begins, with no record of the days touched and no second pass over them at the user's
   * end. A user's sessions go through add and endUser, or through addInOrder and endUserInOrder.
   * At 100M events the record and its pass were ~0.3 s of each worker's ~1.3 s tally.
   */
  addInOrder(start: number, end: number): void {
    const ms = end - start;
    const day = this.lengthAndDay(start, ms);
    if (day === this.day) {
      this.daySpent += ms;
      this.dayCount++;
    } else {
      if (this.day >= 0) this.finishInOrder();
      this.day = day;
      this.daySpent = ms;
      this.dayCount = 1;
    }
  }

  /** Ends the current user of addInOrder (added sessions or none: then not a user with sessions). */
  endUserInOrder(): void {
    if (this.count === 0) return;
    this.finishInOrder();
    this.day = -1;
    this.endCount();
  }

  /** addInOrder's user-day done: its sessions and milliseconds added to the day's. */
  private finishInOrder(): void {
    const { day, daySpent, daySessions, dayMs } = this;
    daySessions[day] = (daySessions[day] ?? outOfBounds()) + this.dayCount;
    dayMs[day] = (dayMs[day] ?? outOfBounds()) + daySpent;
    this.finishDay(day, daySpent);
  }

  /** A session's counts, its day's among them: add's. Its day. */
  private session(start: number, ms: number): number {
    const day = this.lengthAndDay(start, ms);
    const { daySessions, dayMs } = this;
    daySessions[day] = (daySessions[day] ?? outOfBounds()) + 1;
    dayMs[day] = (dayMs[day] ?? outOfBounds()) + ms;
    return day;
  }

  /** A session's counts but its day's (what add and addInOrder share). Its day. */
  private lengthAndDay(start: number, ms: number): number {
    this.count++;
    this.totalMs += ms;
    if (ms === 0) this.zeroLengths++;
    else {
      const secs = ms / 1000;
      this.lengths.push(secs);
      // the last bound <= secs, searched upward: most sessions are short
      let bucket = 0;
      while (bucket < LAST_BOUND && secs >= (BOUNDS[bucket + 1] ?? outOfBounds())) bucket++;
      this.lengthCounts[bucket] = (this.lengthCounts[bucket] ?? outOfBounds()) + 1;
    }
    // a user's sessions are mostly days apart, where dayNear's guess misses: with days of 24 hours,
    // the quotient (the tally was ~13% faster so)
    const day = this.uniform ? dayOf(start - this.firstMs, DAY, INVERSE) : this.cal.dayNear(start, this.hint);
    this.hint = day;
    return day;
  }

  /** One user-day done: `ms` spent on `day`. */
  private finishDay(day: number, ms: number): void {
    const { dayUsers } = this;
    dayUsers[day] = (dayUsers[day] ?? outOfBounds()) + 1;
    this.userDays++;
    this.userDayMs += ms;
    if (ms === 0) this.zeroUserDays++;
    else this.userDaySeconds.push(ms / 1000);
  }

  /** The current user's sessions counted, and the next user begun. */
  private endCount(): void {
    this.users++;
    this.sessions += this.count;
    this.count = 0;
    this.hint = -1;
  }

  /** Ends the current user (added sessions or none: then not a user with sessions). */
  endUser(): void {
    if (this.count === 0) return;
    const n = this.nTouched;
    this.nTouched = 0;
    const { touched, spent } = this;
    for (let i = 0; i < n; i++) {
      const day = touched[i] ?? outOfBounds();
      this.finishDay(day, spent[day] ?? outOfBounds());
    }
    this.endCount();
  }

  /** The slice's share; `fromProperty`: how many of its sessions were cut by the session property. */
  part(fromProperty: number): SessionsPart {
    const lengthCounts = this.lengthCounts.slice();
    lengthCounts[0] = (lengthCounts[0] ?? outOfBounds()) + this.zeroLengths;
    return {
      dates: this.cal.dates,
      users: this.users,
      sessions: this.sessions,
      fromProperty,
      zeroLengths: this.zeroLengths,
      lengths: this.lengths.chunks(),
      lengthCounts,
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
