import { z } from "zod";

// The ten RFM groups, in a file of their own with no imports from the contract: the engine reads them
// at run time, and rfm.ts sits in the segment <-> queries import cycle.

export const RFM_GROUPS = [
  "champions",
  "loyal",
  "potentialLoyalists",
  "new",
  "promising",
  "needAttention",
  "aboutToSleep",
  "atRisk",
  "cantLose",
  "hibernating",
] as const;
export const RfmGroupName = z.enum(RFM_GROUPS);
export type RfmGroupName = z.infer<typeof RfmGroupName>;
