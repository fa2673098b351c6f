import { z } from "zod";
import { method } from "../method.ts";

export type PropertyType = "string" | "number" | "boolean" | "time" | "mixed";

export interface CatalogEvent {
  name: string;
  count: number;
  users: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** events per day over the workspace's last 30 days, for the sparkline */
  daily: number[];
}

export interface CatalogProperty {
  name: string;
  scope: "event" | "user";
  /** for event properties: the events that carry it */
  events: string[];
  type: PropertyType;
  /** share of the rows (events or users) where the property is set, 0..1 */
  coverage: number;
  /** distinct values seen (in the sample when `sampled`; at most the cap when `distinctCapped`) */
  distinct: number;
  /** counting stopped at `distinct` values: there are at least that many */
  distinctCapped?: boolean;
  topValues: { value: string | number | boolean; count: number }[];
  /** rows (of the sample when `sampled`) where the property is set: what top values are shares of */
  valuesOf?: number;
  /** distinct and top values come from the most recent rows only (large workspaces) */
  sampled?: boolean;
  /** how many of the most recent rows the sample read, when `sampled` */
  sampleRows?: number;
}

/** One user's attributes and latest events, newest first (the user lookup). */
export interface UserTimeline {
  /** the user shown: the identified user when the id looked up was merged into it */
  userId: string;
  /** the id looked up, when identity merge joined it to `userId`; null otherwise */
  mergedFrom: string | null;
  /** the anonymous ids merged into this user (identity merge): their events are listed with its own */
  mergedIds: string[];
  attributes: Record<string, unknown>;
  events: TimelineEvent[];
}

export interface TimelineEvent {
  event: string;
  time: string;
  properties: Record<string, unknown>;
}

export const catalogMethods = {
  catalogEvents: method<CatalogEvent[]>()(z.strictObject({})),
  catalogProperties: method<CatalogProperty[]>()(
    z.strictObject({ scope: z.enum(["event", "user"]).optional(), event: z.string().optional() }),
  ),
  catalogValues: method<{ value: string | number | boolean; count: number }[]>()(
    z.strictObject({
      property: z.string().min(1),
      scope: z.enum(["event", "user"]).optional(),
      event: z.string().optional(),
      search: z.string().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
  ),
  userTimeline: method<UserTimeline>()(
    z.strictObject({ userId: z.string().min(1), limit: z.number().int().min(1).max(10_000).optional() }),
  ),
};
