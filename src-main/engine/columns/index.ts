// The timeline API (see types.ts for the layout). Other engine parts (metrics, rfm) read these.
export {
  buildArrays,
  buildArraysFrom,
  type EventChunk,
  readEventNames,
  type TimelineArrays,
} from "./build.ts";
export { loadColumns } from "./load.ts";
export { persistColumns, writeColumns } from "./save.ts";
export { readStamp } from "./stamp.ts";
export { ArrayTimeline, openTimeline } from "./timeline.ts";
export * from "./types.ts";
