// Which model for propensity (issue 17), by measurement: regularized logistic regression (what the
// app uses) against small gradient-boosted trees (bench/models/gbt.ts), on the same features, the
// same training users and the same held-out fifth, beside the "did it in the last horizon" baseline.
//   node bench/predict-compare.ts [WORKSPACE.strata ...]
// Without arguments: two planted workspaces (signal, noise) built in a temp folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openTimeline } from "../src-main/engine/columns/timeline.ts";
import { makeContext } from "../src-main/engine/context.ts";
import { compileMatcher, matcherPredicate } from "../src-main/engine/filters.ts";
import { featureRows, planFeatures, seenBefore } from "../src-main/engine/propensity/features.ts";
import { heldOutUsers } from "../src-main/engine/propensity/holdout.ts";
import { fitLogistic, predictLogistic } from "../src-main/engine/propensity/logistic.ts";
import { auc } from "../src-main/engine/propensity/metrics.ts";
import { cutoffOf } from "../src-main/engine/propensity/run-propensity.ts";
import { readSettings } from "../src-main/engine/read-settings.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";
import { writeJourneys } from "../test/helpers/journeys.ts";
import { AS_OF, planted } from "../test/main/engine/predict/planted.ts";
import { fitGbt, predictGbt } from "./models/gbt.ts";

const Q = { kind: "propensity", target: { event: "purchase" }, horizon: { value: 14, unit: "day" } } as const;
const MAX_ROWS = 250_000;

function compare(label: string, file: string): void {
  const ws = Workspace.open(file, { readonly: true });
  const tl = openTimeline(ws.db, {});
  const ctx = makeContext(tl, ws.db, readSettings(ws.db), {});
  const isT = matcherPredicate(tl, compileMatcher(ctx, Q.target, undefined));
  const { cutoff, end } = cutoffOf(ctx, Q);
  const spec = planFeatures(ctx, cutoff, isT, undefined);
  const d = spec.names.length;
  const users = seenBefore(tl, cutoff, null);
  const x = featureRows(ctx, spec, users, cutoff, isT);
  const label01 = (from: number, to: number) =>
    Uint8Array.from(users, (u) => {
      for (let p = tl.userOffsets[u] as number; p < (tl.userOffsets[u + 1] as number); p++) {
        const t = tl.times[p] as number;
        if (t >= from && t < to && isT(p, u)) return 1;
      }
      return 0;
    });
  const y = label01(cutoff, end);
  const base = label01(cutoff - (end - cutoff), cutoff);
  const held = heldOutUsers(ctx);
  const all = users.map((_, i) => i);
  const eligible = all.filter((i) => held[users[i] as number] === 0);
  const every = Math.max(1, Math.ceil(eligible.length / MAX_ROWS));
  const train = eligible.filter((_, k) => k % every === 0);
  const test = all.filter((i) => held[users[i] as number] === 1);
  const yTest = Array.from(test, (i) => y[i] as number);
  let t0 = performance.now();
  const lr = fitLogistic(x, y, d, train);
  const lrMs = performance.now() - t0;
  const lrAuc = auc(predictLogistic(lr, x, d, test), yTest);
  t0 = performance.now();
  const gbt = fitGbt(x, y, d, train);
  const gbtMs = performance.now() - t0;
  const gbtAuc = auc(predictGbt(gbt, x, d, test), yTest);
  const baseAuc = auc(
    Array.from(test, (i) => base[i] as number),
    yTest,
  );
  const f = (v: number | null) => (v === null ? "-" : v.toFixed(3));
  process.stdout.write(
    `${label}: ${train.length} trained, ${test.length} tested; AUC logistic ${f(lrAuc)} (${lrMs.toFixed(0)} ms), trees ${f(gbtAuc)} (${gbtMs.toFixed(0)} ms), baseline ${f(baseAuc)}\n`,
  );
  ws.close();
}

const files = process.argv.slice(2);
if (files.length > 0) for (const f of files) compare(path.basename(f), f);
else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-compare-"));
  for (const [mode, users, seed] of [
    ["signal", 4000, 7],
    ["noise", 4000, 11],
  ] as const) {
    const file = path.join(dir, `${mode}.strata`);
    const ws = Workspace.create(file);
    writeJourneys(ws, planted(users, mode, seed));
    ws.setSettings({ asOf: { mode: "fixed", date: AS_OF } });
    ws.close();
    compare(`planted ${mode}`, file);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
