import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { EventWriter, type Props } from "../../src-main/store/event-writer.ts";
import { Workspace } from "../../src-main/workspace/workspace.ts";
import type { WorkspaceSettings } from "../../src-preload/contract/settings.ts";

// Declarative per-user journey fixtures (PostHog's habit): each key is a user's external id, each
// value the events that user did, in import order. A temp workspace is made from them.
//
//   const j = journeys({
//     stopped_after_signup: [["signup", "2024-06-01T10:00Z"]],
//     wrong_order: [["purchase", "2024-06-01T10:00Z"], ["signup", "2024-06-01T11:00Z"]],
//     vip: { events: [...], attributes: { plan: "pro" }, createdAt: "2024-05-01T00:00Z" },
//     no_events: { attributes: { plan: "free" } },
//   });
//   ... j.ws ...; j.close();

export type JourneyEvent = [event: string, time: string | number, props?: Props];
export interface JourneyUser {
  events?: JourneyEvent[];
  attributes?: Props;
  createdAt?: string | number;
}
export type JourneySpec = Record<string, JourneyEvent[] | JourneyUser>;

export interface Journeys {
  ws: Workspace;
  file: string;
  close(): void;
}

export function toMs(t: string | number): number {
  if (typeof t === "number") return t;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) throw new Error(`journeys: bad time ${t}`);
  return ms;
}

/** Writes the journeys into `ws` (one transaction). */
export function writeJourneys(ws: Workspace, spec: JourneySpec): void {
  ws.db.transaction(() => {
    const w = new EventWriter(ws.db, null);
    for (const [user, v] of Object.entries(spec)) {
      const u: JourneyUser = Array.isArray(v) ? { events: v } : v;
      w.userId(user);
      if (u.attributes || u.createdAt !== undefined)
        w.setUser(user, u.attributes ?? {}, u.createdAt === undefined ? null : toMs(u.createdAt));
      for (const [event, time, props] of u.events ?? []) w.add(user, event, toMs(time), props ?? null);
    }
    w.finish();
  })();
}

export function journeys(spec: JourneySpec, settings: Partial<WorkspaceSettings> = {}): Journeys {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-journeys-"));
  const file = path.join(dir, "j.strata");
  const ws = Workspace.create(file, settings.timezone ? { timezone: settings.timezone } : {});
  writeJourneys(ws, spec);
  if (settings.asOf || settings.weekStart) ws.setSettings(settings);
  return {
    ws,
    file,
    close() {
      ws.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A closed workspace file of two users, `a` who viewed and bought and `b` who only viewed. */
export function viewAndBuyFile(): string {
  const j = journeys({
    a: [
      ["view", "2024-06-03T10:00Z"],
      ["buy", "2024-06-03T11:00Z"],
    ],
    b: [["view", "2024-06-04T10:00Z"]],
  });
  j.ws.close();
  return j.file;
}
