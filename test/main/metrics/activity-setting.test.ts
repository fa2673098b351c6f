import { afterEach, describe, expect, it } from "vitest";
import { isMessageDelivery, readActivity, writeActivity } from "../../../src-main/workspace/activity.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { fixed, run } from "./helpers.ts";

// Message deliveries (things done TO the user) are not user activity by default; the workspace
// setting decides, and an explicitly chosen event is always honored.

let j: Journeys | undefined;
afterEach(() => j?.close());

const RANGE = { from: "2024-06-03", to: "2024-06-09" };

function workspace(): Journeys {
  return journeys({
    // received e-mails and pushes, never opened the app
    recipient: [
      ["email_sent", "2024-06-03T09:00Z"],
      ["push_sent", "2024-06-04T09:00Z"],
    ],
    user: [
      ["app_open", "2024-06-03T10:00Z"],
      ["view_item", "2024-06-03T10:05Z"],
      ["email_sent", "2024-06-05T09:00Z"],
    ],
  });
}

describe("activity events", () => {
  it("recognizes message deliveries by name", () => {
    for (const n of ["email_sent", "push_sent", "sms_delivered", "message.delivered", "Email Bounced"])
      expect(isMessageDelivery(n), n).toBe(true);
    for (const n of ["app_open", "purchase", "sent_message_to_friend", "email_opened", "push_clicked"])
      expect(isMessageDelivery(n), n).toBe(false);
  });

  it("default: active users and sessions leave message deliveries out", async () => {
    j = workspace();
    expect(readActivity(j.ws.db)).toEqual({ exclude: ["email_sent", "push_sent"], source: "default" });
    const au = await run(j, { kind: "activeUsers", range: RANGE, interval: "week" });
    expect(au.periods.map((p) => p.active)).toEqual([1]);
    const s = await run(j, { kind: "sessions", range: RANGE, sessionProperty: null });
    // one session (app_open + view_item); before, the sends added 0-second sessions
    expect(s.sessions).toBe(1);
    expect(s.users).toBe(1);
    expect(s.medianSeconds).toBe(300);
  });

  it("the analyst's list replaces the default; an explicitly chosen event always counts", async () => {
    j = workspace();
    writeActivity(j.ws.db, []);
    expect(readActivity(j.ws.db).source).toBe("analyst");
    const all = await run(j, { kind: "activeUsers", range: RANGE, interval: "week" });
    expect(all.periods.map((p) => p.active)).toEqual([2]);
    writeActivity(j.ws.db, null);
    const chosen = await run(j, {
      kind: "activeUsers",
      range: RANGE,
      interval: "week",
      event: { event: "email_sent" },
    });
    expect(chosen.periods.map((p) => p.active)).toEqual([2]);
  });

  it("acquisition: a user who was only sent a message on day N is not retained on day N", async () => {
    const acquired = journeys(
      {
        reader: [
          ["app_open", "2024-06-03T10:00Z", { utm_source: "ads" }],
          ["email_sent", "2024-06-04T09:00Z"],
        ],
        user: [
          ["app_open", "2024-06-03T11:00Z", { utm_source: "ads" }],
          ["view_item", "2024-06-04T10:00Z"],
        ],
      },
      fixed("2024-06-09"),
    );
    j = acquired;
    const query = {
      kind: "acquisition" as const,
      by: { property: "utm_source" },
      range: { from: "2024-06-03", to: "2024-06-03" },
      retentionDays: [1],
    };
    const day1 = async () => (await run(acquired, query)).rows.map((r) => [r.value, r.users, r.retention[0]]);
    expect(await day1()).toEqual([["ads", 2, { day: 1, users: 1, rate: 0.5, incomplete: 0 }]]);
    // the analyst counts every event as activity: the e-mail's day counts
    writeActivity(acquired.ws.db, []);
    expect(await day1()).toEqual([["ads", 2, { day: 1, users: 2, rate: 1, incomplete: 0 }]]);
  });
});
