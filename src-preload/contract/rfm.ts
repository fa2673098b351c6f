import { z } from "zod";
import { EventMatcher, Filter, Range, Timezone } from "./common.ts";
import { Segment } from "./segment.ts";

export { RFM_GROUPS, RfmGroupName } from "./rfm-groups.ts";

// RFM over one event (usually purchase) with an optional monetary property, in a range.
export const RfmQuery = z.strictObject({
  kind: z.literal("rfm"),
  event: EventMatcher,
  monetary: z.string().min(1).optional(),
  /** count distinct values of this property (e.g. an invoice id) as the frequency, instead of events */
  frequencyDistinct: z.string().min(1).optional(),
  range: Range,
  timezone: Timezone.optional(),
  where: z.array(Filter).optional(),
  segment: z.lazy(() => Segment).optional(),
});
export type RfmQuery = z.infer<typeof RfmQuery>;
