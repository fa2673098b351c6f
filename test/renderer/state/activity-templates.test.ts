import { afterEach, describe, expect, it } from "vitest";
import { readActivity } from "../../../src-main/workspace/activity.ts";
import type { BlockContext } from "../../../src-renderer/features/segments/defaults.ts";
import { summarize } from "../../../src-renderer/features/segments/summary.ts";
import { TEMPLATES } from "../../../src-renderer/features/segments/templates.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "../../main/engine/run-query.ts";

// The Active and Dormant templates do not count a user who only received messages.

let j: Journeys | undefined;
afterEach(() => j?.close());

async function count(j: Journeys, id: string, ctx: BlockContext): Promise<number> {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(id);
  const r = await runQuery<{ users: number }>(j, { kind: "segmentCount", segment: t.make(ctx) });
  return r.users;
}

describe("activity templates", () => {
  it("leave message deliveries out of Active and Dormant", async () => {
    j = journeys(
      {
        recipient: [["email_sent", "2024-06-28T09:00Z"]],
        lapsed: [
          ["app_open", "2024-06-18T10:00Z"],
          ["push_sent", "2024-06-28T09:00Z"],
        ],
        regular: [["app_open", "2024-06-29T10:00Z"]],
      },
      { asOf: { mode: "fixed", date: "2024-06-30" } },
    );
    const ctx: BlockContext = {
      events: ["app_open", "email_sent", "push_sent"],
      properties: [],
      segments: [],
      asOf: "2024-06-30",
      notActivity: readActivity(j.ws.db).exclude,
    };
    expect(await count(j, "active", ctx)).toBe(1);
    // lapsed: active 12 days ago, only a push since; recipient was never active
    expect(await count(j, "dormant", ctx)).toBe(1);
  });

  it("Power users counts 20 actions of the user's own, not messages sent to them", async () => {
    const day = (d: number, ev: string): [string, string] => [
      ev,
      `2024-06-${String(d).padStart(2, "0")}T10:00Z`,
    ];
    const days = Array.from({ length: 20 }, (_, i) => i + 10);
    j = journeys(
      {
        // 5 opens and 20 e-mails: busy only as a recipient
        mailed: [
          ...days.map((d) => day(d, "email_sent")),
          ...days.slice(0, 5).map((d) => day(d, "app_open")),
        ],
        power: days.map((d) => day(d, "app_open")),
      },
      { asOf: { mode: "fixed", date: "2024-06-30" } },
    );
    const ctx: BlockContext = {
      events: ["app_open", "email_sent"],
      properties: [],
      segments: [],
      asOf: "2024-06-30",
      notActivity: readActivity(j.ws.db).exclude,
    };
    expect(await count(j, "power", ctx)).toBe(1);
    const t = TEMPLATES.find((x) => x.id === "power");
    expect(summarize(t?.make(ctx) ?? { all: [] }, (id) => id)).toContain("any event except email_sent");
  });
});
