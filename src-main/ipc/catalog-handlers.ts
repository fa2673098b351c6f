import type { catalogMethods } from "../../src-preload/contract/methods/catalog.ts";
import { catalogEvents, catalogProperties, catalogValues } from "../store/catalog.ts";
import { userTimeline } from "../store/user-timeline.ts";
import type { AreaHandlers } from "./types.ts";

export const catalogHandlers: AreaHandlers<typeof catalogMethods> = {
  catalogEvents: (_req, { session }) => catalogEvents(session.workspace),
  catalogProperties: (req, { session }) =>
    catalogProperties(session.workspace, req.scope ?? "event", req.event),
  catalogValues: (req, { session }) => catalogValues(session.workspace, req),
  userTimeline: (req, { session }) => userTimeline(session.workspace, req.userId, req.limit),
};
