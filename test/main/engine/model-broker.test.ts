import { describe, expect, it } from "vitest";
import { ModelBroker, type ModelPeer } from "../../../src-main/engine/model-broker.ts";
import type { TrainedModel } from "../../../src-main/engine/propensity/share.ts";

// Who trains a propensity model when workers ask for it at once, fail, or die.

class Peer implements ModelPeer {
  readonly got: [string, TrainedModel | null][] = [];
  sendModel(key: string, trained: TrainedModel | null): void {
    this.got.push([key, trained]);
  }
}

const model = (auc: number): TrainedModel => ({
  result: {
    cutoff: "2024-06-16",
    asOf: "2024-06-30",
    model: {
      kind: "logisticRegression",
      trainedOn: 1,
      testedOn: 1,
      positiveRate: 0.5,
      auc,
      baselineAuc: 0.5,
      brier: 0.2,
      calibration: [],
      features: [],
      gains: [],
      beatsBaseline: false,
    },
    deciles: [],
  },
  scores: new Float64Array([0.1, 0.9]),
});

describe("ModelBroker", () => {
  it("lets the first asker train, the others wait, later askers get the model at once", () => {
    const b = new ModelBroker();
    const [p, q, r] = [new Peer(), new Peer(), new Peer()];
    b.claim(p, "k");
    b.claim(q, "k");
    expect(p.got).toEqual([["k", null]]);
    expect(q.got).toEqual([]);
    const m = model(0.7);
    b.done(p, "k", m);
    expect(q.got).toEqual([["k", m]]);
    b.claim(r, "k");
    expect(r.got).toEqual([["k", m]]);
    expect(b.fitted).toBe(1);
  });

  it("hands a failed or orphaned training to the next waiter", () => {
    const b = new ModelBroker();
    const [p, q, r] = [new Peer(), new Peer(), new Peer()];
    b.claim(p, "k");
    b.claim(q, "k");
    b.claim(r, "k");
    b.done(p, "k", null); // cancelled
    expect(q.got).toEqual([["k", null]]);
    b.dropped(q); // its thread died while training
    expect(r.got).toEqual([["k", null]]);
    b.done(r, "k", model(0.6));
    expect(b.fitted).toBe(1);
    const s = new Peer();
    b.claim(s, "k");
    expect(s.got[0]?.[1]?.result.model.auc).toBe(0.6);
  });

  it("forgets everything on clear (the events changed)", () => {
    const b = new ModelBroker();
    const p = new Peer();
    b.done(p, "k", model(0.7));
    b.clear();
    b.claim(p, "k");
    expect(p.got).toEqual([["k", null]]);
  });
});
