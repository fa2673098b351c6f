// RFM's query lives with the segment model (segments select RFM groups); its groups have their own file.
export { RFM_GROUPS, type RfmGroupName } from "./rfm-groups.ts";
export { RfmQuery } from "./segment.ts";
