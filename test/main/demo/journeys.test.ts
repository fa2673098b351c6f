import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, byUser, type Row, readDemo } from "./helpers.ts";

// Rules every single user's journey must follow, whatever their persona: the signup opens it,
// sessions do not interleave, nobody buys without a checkout or checks out an empty cart, and a
// message is opened only after it was sent.

let dir: string;
let journeys: Map<string, Row[]>;
let platforms: Map<string, unknown>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-demo-"));
  const d = readDemo(build(dir, 400, 9));
  d.db.close();
  journeys = byUser(d.events);
  platforms = new Map(d.users.map((u) => [u.external_id, u.attributes.platform]));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sid = (e: Row) => e.props.session_id as string | undefined;

describe("each demo journey", () => {
  it("starts with the signup session: session_start, app_open on mobile, then signup once", () => {
    for (const [user, list] of journeys) {
      const names = list.slice(0, 3).map((e) => e.name);
      const mobile = platforms.get(user) !== "web";
      expect(names.slice(0, mobile ? 3 : 2)).toEqual(
        mobile ? ["session_start", "app_open", "signup"] : ["session_start", "signup"],
      );
      expect(list.filter((e) => e.name === "signup")).toHaveLength(1);
    }
  });

  it("has sessions that open with session_start and never interleave", () => {
    for (const list of journeys.values()) {
      const inSession = list.filter((e) => sid(e) !== undefined);
      const closed = new Set<string>();
      let current: string | undefined;
      for (const e of inSession) {
        const s = sid(e) as string;
        if (s !== current) {
          expect(closed.has(s)).toBe(false);
          if (current) closed.add(current);
          current = s;
          expect(["session_start", "push_opened"]).toContain(e.name);
        }
      }
    }
  });

  it("views before carting, carts before checkout, and checks out before each purchase", () => {
    for (const list of journeys.values()) {
      const viewed = new Set<string>();
      let carted = 0;
      let lastCheckout: Row | undefined;
      for (const e of list) {
        if (e.name === "view_item") viewed.add(e.props.product_id as string);
        if (e.name === "add_to_cart") {
          expect(viewed.has(e.props.product_id as string)).toBe(true);
          carted++;
        }
        if (e.name === "checkout_started") {
          expect(carted).toBeGreaterThan(0);
          lastCheckout = e;
        }
        if (e.name === "purchase") {
          expect(lastCheckout && sid(lastCheckout) === sid(e)).toBe(true);
          expect(e.props.revenue as number).toBeLessThanOrEqual(
            (lastCheckout?.props.cart_value as number) + 1e-9,
          );
          expect(e.props.items).toBe(lastCheckout?.props.items);
        }
      }
    }
  });

  it("opens a message only after it was sent, and clicks only after opening", () => {
    for (const list of journeys.values()) {
      const sent = new Map<string, number>();
      const opened = new Map<string, number>();
      for (const e of list) {
        const m = /^(push|email)_(sent|opened|clicked)$/.exec(e.name);
        if (!m) continue;
        const key = `${m[1]}:${e.props.campaign}`;
        if (m[2] === "sent") sent.set(key, (sent.get(key) ?? 0) + 1);
        if (m[2] === "opened") {
          expect(sent.get(key) ?? 0).toBeGreaterThan(opened.get(key) ?? 0);
          opened.set(key, (opened.get(key) ?? 0) + 1);
        }
        if (m[2] === "clicked") expect(opened.get(key) ?? 0).toBeGreaterThan(0);
      }
    }
  });
});
