import { afterEach, describe, expect, it } from "vitest";
import { openTimeline } from "../../../../src-main/engine/columns/timeline.ts";
import { type EngineContext, makeContext } from "../../../../src-main/engine/context.ts";
import { compileMatcher, matcherPredicate } from "../../../../src-main/engine/filters.ts";
import { featureRows, planFeatures } from "../../../../src-main/engine/propensity/features.ts";
import { cutoffOf } from "../../../../src-main/engine/propensity/run-propensity.ts";
import { readSettings } from "../../../../src-main/engine/read-settings.ts";
import type { JourneySpec, JourneyUser } from "../../../helpers/journeys.ts";
import { type Journeys, journeys, toMs } from "../../../helpers/journeys.ts";
import { AS_OF, planted } from "./planted.ts";

// The features at the cutoff are a function of the events before it only: deleting every later
// event must not change a single value (the noise-label test checks the same thing statistically).

let open: Journeys[] = [];
afterEach(() => {
  for (const j of open) j.close();
  open = [];
});

const QUERY = {
  kind: "propensity",
  target: { event: "purchase" },
  horizon: { value: 14, unit: "day" },
} as const;

function context(spec: JourneySpec): EngineContext {
  const j = journeys(spec, { asOf: { mode: "fixed", date: AS_OF } });
  open.push(j);
  return makeContext(openTimeline(j.ws.db), j.ws.db, readSettings(j.ws.db), {});
}

function before(spec: JourneySpec, t: number): JourneySpec {
  const out: JourneySpec = {};
  for (const [id, v] of Object.entries(spec)) {
    const u = v as JourneyUser;
    out[id] = { ...u, events: (u.events ?? []).filter((e) => toMs(e[1]) < t) };
  }
  return out;
}

function features(ctx: EngineContext, at: (c: { cutoff: number; end: number }) => number): Float32Array {
  const isTarget = matcherPredicate(ctx.tl, compileMatcher(ctx, QUERY.target, undefined));
  const c = cutoffOf(ctx, QUERY);
  const spec = planFeatures(ctx, c.cutoff, isTarget, undefined);
  const users = Int32Array.from({ length: ctx.tl.nUsers }, (_, u) => u);
  return featureRows(ctx, spec, users, at(c), isTarget);
}

/** The spec with each user's attributes told by what they did after `t`, as a tier a CRM raises. */
function tiered(spec: JourneySpec, t: number): JourneySpec {
  const out: JourneySpec = {};
  for (const [id, v] of Object.entries(spec)) {
    const u = v as JourneyUser;
    const later = (u.events ?? []).some((e) => e[0] === "purchase" && toMs(e[1]) >= t);
    out[id] = { ...u, attributes: { tier: later ? "gold" : "bronze", plan: later ? "pro" : "free" } };
  }
  return out;
}

describe("propensity features", () => {
  it("are the same whatever the users' attributes say: an export's attributes are taken after the cutoff", () => {
    const spec = planted(400, "noise", 11);
    const plain = context(spec);
    const cut = cutoffOf(plain, QUERY).cutoff;
    const leaky = context(tiered(spec, cut));
    expect(Array.from(features(leaky, (c) => c.cutoff))).toEqual(
      Array.from(features(plain, (c) => c.cutoff)),
    );
    const isTarget = matcherPredicate(leaky.tl, compileMatcher(leaky, QUERY.target, undefined));
    expect(planFeatures(leaky, cut, isTarget, undefined).names.filter((n) => n.includes("="))).toEqual([]);
  });

  it("at the cutoff do not change when every event after it is deleted", () => {
    const spec = planted(400, "signal", 9);
    const full = context(spec);
    const cut = cutoffOf(full, QUERY).cutoff;
    // the as-of day stays pinned, so both workspaces have the same cutoff
    const trimmed = context(before(spec, cut));
    expect(cutoffOf(trimmed, QUERY).cutoff).toBe(cut);
    expect(Array.from(features(trimmed, (c) => c.cutoff))).toEqual(
      Array.from(features(full, (c) => c.cutoff)),
    );
  });

  it("at the end of the as-of day do see the later events (the comparison above can fail)", () => {
    const spec = planted(400, "signal", 9);
    const full = context(spec);
    const trimmed = context(before(spec, cutoffOf(full, QUERY).cutoff));
    expect(Array.from(features(trimmed, (c) => c.end))).not.toEqual(Array.from(features(full, (c) => c.end)));
  });
});
