import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { END_MS, START_MS } from "../../../src-main/demo/calendar.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { build, byUser, type Row, readDemo, type UserRow } from "./helpers.ts";

// The rough shape of a small demo: names, funnel order, value ranges and attributes. Exact rates are
// only loosely bounded here (600 users is a small sample); the recipe documents the targets.

const NAMES = [
  "session_start",
  "app_open",
  "signup",
  "search",
  "view_item",
  "add_to_cart",
  "checkout_started",
  "purchase",
  "feature_used",
  "rating_submitted",
  "survey_response",
  "push_sent",
  "push_opened",
  "push_clicked",
  "email_sent",
  "email_opened",
  "email_clicked",
];
const OUTSIDE_SESSIONS = new Set(["push_sent", "email_sent", "email_opened", "email_clicked"]);

let dir: string;
let file: string;
let events: Row[];
let users: UserRow[];
let db: Database.Database;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-demo-"));
  file = build(dir, 600, 3);
  ({ events, users, db } = readDemo(file));
});

afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const usersWith = (name: string) => new Set(events.filter((e) => e.name === name).map((e) => e.user)).size;
const of = (name: string) => events.filter((e) => e.name === name);

describe("demo shape", () => {
  it("has every event name, all inside the 120-day window, with millisecond times", () => {
    expect(new Set(events.map((e) => e.name))).toEqual(new Set(NAMES));
    expect(events.every((e) => e.time >= START_MS && e.time <= END_MS && Number.isInteger(e.time))).toBe(
      true,
    );
    expect(events.filter((e) => e.time % 1000 !== 0).length).toBeGreaterThan(events.length * 0.9);
    expect(events.length / users.length).toBeGreaterThan(25);
    expect(events.length / users.length).toBeLessThan(100);
  });

  it("narrows down the shopping funnel, with revenue", () => {
    const steps = ["view_item", "add_to_cart", "checkout_started", "purchase"].map(usersWith);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThan(steps[i - 1] ?? 0);
    expect(steps[3]).toBeGreaterThan(0);
    const rev = of("purchase").map((e) => e.props.revenue);
    expect(rev.every((r) => typeof r === "number" && r > 0)).toBe(true);
    for (const p of of("purchase")) {
      expect(p.props).toMatchObject({ order_id: expect.any(String), items: expect.any(Number) });
      expect(["apple_pay", "google_pay", "card", "paypal", "klarna"]).toContain(p.props.payment_method);
    }
    const orderIds = of("purchase").map((e) => e.props.order_id);
    expect(new Set(orderIds).size).toBe(orderIds.length);
  });

  it("keeps survey scores and ratings in their scales", () => {
    const range = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;
    const seen = new Set<string>();
    for (const e of of("survey_response")) {
      const survey = e.props.survey as keyof typeof range;
      seen.add(survey);
      const [lo, hi] = range[survey];
      expect(Number.isInteger(e.props.score)).toBe(true);
      expect(e.props.score).toBeGreaterThanOrEqual(lo);
      expect(e.props.score).toBeLessThanOrEqual(hi);
    }
    expect(seen).toEqual(new Set(["nps", "csat", "ces"]));
    for (const e of of("rating_submitted")) expect([1, 2, 3, 4, 5]).toContain(e.props.rating);
    for (const e of of("feature_used"))
      expect(["wishlist", "search", "compare", "reviews", "share"]).toContain(e.props.feature);
  });

  it("puts a session_id on every in-app event and campaign fields on every message", () => {
    for (const e of events) {
      if (OUTSIDE_SESSIONS.has(e.name) || (e.name === "push_opened" && e.props.session_id === undefined)) {
        expect(e.props.session_id).toBeUndefined();
      } else expect(typeof e.props.session_id).toBe("string");
      if (/^(push|email)_/.test(e.name)) {
        expect(typeof e.props.campaign).toBe("string");
        expect(e.props.channel).toBe(e.name.split("_")[0]);
      }
    }
  });

  it("gives every user well-formed attributes and created_at at their signup", () => {
    const signups = new Map(of("signup").map((e) => [e.user, e.time]));
    expect(users).toHaveLength(600);
    for (const u of users) {
      const a = u.attributes;
      expect(u.created_at).toBe(signups.get(u.external_id));
      expect(a.country).toMatch(/^[A-Z]{2}$/);
      expect(["ios", "android", "web"]).toContain(a.platform);
      expect(["organic", "paid_search", "paid_social", "referral", "email", "affiliate"]).toContain(
        a.acquisition_channel,
      );
      expect(a.email).toMatch(/^[a-z]+\.[a-z]+\d+@example\.com$/);
      expect(a.phone).toMatch(/^\+[1-9]\d{7,14}$/);
      expect(typeof a.first_name === "string" && typeof a.last_name === "string").toBe(true);
      expect(typeof a.city === "string" && typeof a.zip === "string").toBe(true);
      expect(["free", "plus"]).toContain(a.plan);
      expect(["bronze", "silver", "gold", "platinum"]).toContain(a.loyalty_tier);
      expect(a.signup_date).toBe(new Date(u.created_at ?? 0).toISOString().slice(0, 10));
      expect(typeof a.app_version).toBe("string");
    }
  });

  it("keeps the catalog current and the workspace on UTC, as of the latest event", () => {
    const ws = Workspace.open(file, { readonly: true });
    try {
      expect(ws.meta()).toMatchObject({ timezone: "UTC", asOf: { mode: "latest" } });
      const counted = db.prepare("SELECT sum(count) AS n FROM event_names").get() as { n: number };
      expect(counted.n).toBe(events.length);
      const props = db
        .prepare(
          "SELECT p.name, p.type FROM event_properties p JOIN event_names n ON n.id = p.event_id WHERE n.name = 'purchase'",
        )
        .all();
      expect(props).toContainEqual({ name: "revenue", type: "number" });
      expect(db.prepare("SELECT count(*) AS n FROM engine_columns").get()).not.toEqual({ n: 0 });
    } finally {
      ws.close();
    }
  });

  it("has users who came back after two weeks away (resurrection)", () => {
    const lapsedThenBack = [...byUser(events).values()].filter((list) => {
      const days = [
        ...new Set(list.filter((e) => e.name === "session_start").map((e) => Math.floor(e.time / 864e5))),
      ];
      return days.some((d, i) => i > 0 && d - (days[i - 1] ?? d) >= 14);
    });
    expect(lapsedThenBack.length).toBeGreaterThan(5);
  });

  it("follows the users' local clocks: few night sessions, an evening peak, busier weekends", () => {
    const tz = new Map(users.map((u) => [u.external_id, u.attributes.timezone as string]));
    const fmt = new Map<string, Intl.DateTimeFormat>();
    const hours = new Array(24).fill(0);
    const byWeekday = new Map<string, number>();
    for (const e of of("session_start")) {
      const zone = tz.get(e.user) ?? "UTC";
      let f = fmt.get(zone);
      if (!f) {
        f = new Intl.DateTimeFormat("en-US", {
          timeZone: zone,
          hour: "numeric",
          hourCycle: "h23",
          weekday: "short",
        });
        fmt.set(zone, f);
      }
      const parts = f.formatToParts(new Date(e.time));
      hours[Number(parts.find((p) => p.type === "hour")?.value)]++;
      const wd = parts.find((p) => p.type === "weekday")?.value ?? "";
      byWeekday.set(wd, (byWeekday.get(wd) ?? 0) + 1);
    }
    const total = hours.reduce((a, b) => a + b, 0);
    const share = (from: number, to: number) => hours.slice(from, to).reduce((a, b) => a + b, 0) / total;
    expect(share(1, 6)).toBeLessThan(0.06);
    expect(share(18, 23)).toBeGreaterThan(0.3);
    const weekend = ((byWeekday.get("Sat") ?? 0) + (byWeekday.get("Sun") ?? 0)) / 2;
    const midweek = ((byWeekday.get("Tue") ?? 0) + (byWeekday.get("Wed") ?? 0)) / 2;
    expect(weekend).toBeGreaterThan(midweek);
  });
});
