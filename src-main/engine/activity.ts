import type { EventMatcher, Filter } from "../../src-preload/contract/common.ts";
import { readActivity } from "../workspace/activity.ts";
import type { EngineContext } from "./context.ts";
import { bareCode, compileMatcher, type EventPredicate, matcherPredicate, NEEDS_TEST } from "./filters.ts";
import { outOfBounds } from "./typed-index.ts";

// "Any event" in a query that counts active users means any user ACTIVITY: the workspace's
// not-activity events (message deliveries by default, workspace/activity.ts) are left out, so a
// user who only received e-mails is never "active", "returning" or "sticky". An event the query
// names explicitly always counts, even a delivery. Every kind that counts activity uses this one
// predicate, so Active users, Lifecycle, Stickiness and the rest agree on who was active.

export interface Activity {
  /** the event names that do not count as activity */
  notActivity: readonly string[];
  /** the matcher's event when it names one, else any activity event; with the matcher's and query's filters */
  predicate(matcher: EventMatcher | null | undefined, where: readonly Filter[] | undefined): EventPredicate;
  /** the same test as a code for hot loops to compare inline (filters.ts bareCode) */
  code(matcher: EventMatcher | null | undefined, where: readonly Filter[] | undefined): number;
}

export function activityOf(e: EngineContext): Activity {
  const notActivity = readActivity(e.db).exclude;
  const excluded = new Uint8Array(e.tl.eventNames.length);
  for (const name of notActivity) {
    const code = e.tl.eventCode(name);
    if (code >= 0) excluded[code] = 1;
  }
  const codes = e.tl.eventCodes;
  return {
    notActivity,
    predicate(m, where) {
      const base = matcherPredicate(e.tl, compileMatcher(e, m ?? null, where));
      if ((m && m.event !== null) || !excluded.includes(1)) return base;
      return (p, u) => excluded[codes[p] ?? outOfBounds()] === 0 && base(p, u);
    },
    code(m, where) {
      if ((m && m.event !== null) || !excluded.includes(1))
        return bareCode(compileMatcher(e, m ?? null, where));
      return NEEDS_TEST;
    },
  };
}
