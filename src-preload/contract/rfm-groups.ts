// The ten RFM groups, in a file of their own with no imports at all: the engine reads them at run time
// (a query worker without loading the contract's schemas), and rfm.ts sits in the segment <-> queries
// import cycle. The schema of a group name is segment.ts's z.enum(RFM_GROUPS).

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
export type RfmGroupName = (typeof RFM_GROUPS)[number];
