import type { AsOfSetting } from "./settings.ts";

export interface EventNameCount {
  name: string;
  count: number;
}

export interface ImportLogEntry {
  id: number;
  fileName: string;
  kind: "events" | "users";
  startedAt: string;
  finishedAt: string | null;
  status: "done" | "failed" | "cancelled";
  rowsRead: number;
  added: number;
  skipped: number;
  skippedByReason: Record<string, { count: number; firstLines: number[] }>;
  /** rows added but not fully read (a revenue figure that is no number), as the import summary had them */
  warnings: Record<string, { count: number; firstLines: number[] }>;
  seconds: number;
}

/** Identity merge: anonymous ids joined to the identified user they belong to (import docs). */
export interface IdentitySummary {
  /** the workspace setting: on unless switched off */
  merge: boolean;
  /** anonymous-to-identified links recorded by imports */
  links: number;
  /** users merged into another user (0 while the merge is off) */
  merged: number;
}

export interface WorkspaceInfo {
  path: string;
  name: string;
  events: number;
  /** people: user ids less the anonymous ids merged into identified users (`identities.merged`) */
  users: number;
  eventNames: EventNameCount[];
  /** first and last event instant, ISO 8601 in UTC; null when there are no events */
  timeSpan: { first: string; last: string } | null;
  timezone: string;
  asOf: AsOfSetting;
  /**
   * the as-of day the setting resolves to today, YYYY-MM-DD in the workspace timezone; a query in
   * another zone ends on that zone's day (as-of.ts resolveAsOf, from `asOf` and `timeSpan.last`)
   */
  resolvedAsOf: string;
  weekStart: "monday" | "sunday";
  /**
   * Events that do not count as user activity (active users, sessions, adoption, churn): message
   * deliveries recognized by name ("default") or the analyst's list ("analyst").
   */
  activity: { exclude: string[]; source: "default" | "analyst" };
  imports: ImportLogEntry[];
  formatVersion: number;
  appVersion: string;
  createdAt: string;
  modifiedAt: string;
  identities?: IdentitySummary;
}

export interface RecentFile {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}
