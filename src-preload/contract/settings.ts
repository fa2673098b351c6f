import { z } from "zod";
import { DateString, Timezone, WeekStart } from "./common.ts";

// How "as of" is chosen: the day of the latest event (default: an old export must not look dormant),
// today, or a pinned date.
export const AsOfSetting = z.union([
  z.strictObject({ mode: z.literal("latest") }),
  z.strictObject({ mode: z.literal("now") }),
  z.strictObject({ mode: z.literal("fixed"), date: DateString }),
]);
export type AsOfSetting = z.infer<typeof AsOfSetting>;

export const WorkspaceSettings = z.strictObject({
  timezone: Timezone,
  asOf: AsOfSetting,
  weekStart: WeekStart,
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;
