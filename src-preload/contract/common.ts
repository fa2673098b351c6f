import { z } from "zod";
import { isIanaTimezone, validDate } from "./plain-checks.ts";

export const DateString = z.string().refine(validDate, { message: "expected a date YYYY-MM-DD" });
export const Timezone = z
  .string()
  .refine(isIanaTimezone, { message: "unknown timezone (expected an IANA name such as Europe/Berlin)" });
export const WeekStart = z.enum(["monday", "sunday"]);
export type WeekStart = z.infer<typeof WeekStart>;

// Event times lie in 1970..2099 (src-main/time/bounds.ts), so a range is bounded to that window and
// `last` to its length: "last 100000 months" reaches back to the stone age and hangs the calendar.
const EventDate = DateString.refine((s) => s >= "1970-01-01" && s <= "2099-12-31", {
  message: "expected a date from 1970-01-01 to 2099-12-31",
});
const LAST_MAX = { day: 47_500, week: 6_800, month: 1_560 } as const;

export const Range = z.union([
  z
    .strictObject({ from: EventDate, to: EventDate })
    .refine((r) => r.from <= r.to, { message: "range.from must not be after range.to", path: ["to"] }),
  z
    .strictObject({
      last: z.number().int().min(1).max(100_000),
      unit: z.enum(["day", "week", "month"]),
    })
    .refine((r) => r.last <= LAST_MAX[r.unit], {
      message: "range.last reaches before 1970: at most 47,500 days, 6,800 weeks or 1,560 months",
      path: ["last"],
    }),
]);
export type Range = z.infer<typeof Range>;

export const Duration = z.strictObject({
  value: z.number().positive().max(1e7),
  unit: z.enum(["second", "minute", "hour", "day", "week"]),
});
export type Duration = z.infer<typeof Duration>;

export const Scalar = z.union([z.string(), z.number().finite(), z.boolean()]);
export type Scalar = z.infer<typeof Scalar>;

const scope = z.enum(["event", "user"]).optional();
const property = z.string().min(1);

/**
 * A condition on one event property (or, with `scope: "user"`, a user attribute). Two event
 * properties are virtual, computed from the event's time in the query's timezone: `$hour` (0-23)
 * and `$weekday` (ISO, 1 = Monday ... 7 = Sunday); they shadow stored properties of those names.
 * See resources/docs/queries.md, "Extensions".
 */
export const Filter = z.union([
  z.strictObject({
    property,
    scope,
    op: z.enum(["eq", "neq", "gt", "gte", "lt", "lte", "contains", "notContains", "startsWith"]),
    value: Scalar,
  }),
  z.strictObject({ property, scope, op: z.literal("between"), value: z.tuple([Scalar, Scalar]) }),
  z.strictObject({ property, scope, op: z.enum(["in", "notIn"]), value: z.array(Scalar) }),
  z.strictObject({ property, scope, op: z.enum(["isSet", "isNotSet"]) }),
]);
export type Filter = z.infer<typeof Filter>;
export type FilterOp = Filter["op"];

export const EventMatcher = z.strictObject({
  event: z.string().min(1).nullable(),
  where: z.array(Filter).optional(),
});
export type EventMatcher = z.infer<typeof EventMatcher>;

export const Compare = z.union([
  z.strictObject({ op: z.enum(["gte", "gt", "eq", "lte", "lt"]), value: z.number().finite() }),
  z
    .strictObject({ op: z.literal("between"), value: z.tuple([z.number().finite(), z.number().finite()]) })
    .refine((c) => c.value[0] <= c.value[1], { message: "between needs lo <= hi", path: ["value"] }),
]);
export type Compare = z.infer<typeof Compare>;

export const Interval = z.enum(["day", "week", "month"]);
export type Interval = z.infer<typeof Interval>;
