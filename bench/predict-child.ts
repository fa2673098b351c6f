// Run by bench/predict.ts in a child process, so that peak memory is the model's own: opens the
// workspace, loads the timeline, then runs one propensity query (train at the cutoff, measure on the
// held-out fifth, score everyone at the as-of day) and the best send hour of every user.
//   node bench/predict-child.ts FILE
import os from "node:os";
import { InProcessEngine } from "../src-main/engine/in-process-engine.ts";
import { lastTimings } from "../src-main/engine/propensity/run-propensity.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";
import type { BestSendTimeResult, PropensityResult } from "../src-preload/contract/predict.ts";
import { peakRssMb } from "./types.ts";

const [file] = process.argv.slice(2);
if (!file) throw new Error("usage: node bench/predict-child.ts FILE");
const ws = Workspace.open(file, { readonly: true });
const engine = new InProcessEngine(ws.db);
await engine.run({ kind: "segmentCount", segment: { all: [] } }); // loads the timeline (not timed)
// the revenue feature's column: read from the events' JSON once per workspace (then kept), timed apart
const tCol = performance.now();
await engine.run({
  kind: "segmentCount",
  segment: { aggregate: { event: null }, property: "price", fn: "sum", compare: { op: "gt", value: 0 } },
});
const revenueColumnMs = performance.now() - tCol;
const rssBefore = peakRssMb();
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const loadBefore = os.loadavg()[0] as number;
const c0 = cpuMs();
const t0 = performance.now();
const r = (await engine.run({
  kind: "propensity",
  target: { event: "purchase" },
  horizon: { value: 14, unit: "day" },
})) as PropensityResult;
const totalMs = performance.now() - t0;
const totalCpuMs = cpuMs() - c0;
const rssModel = peakRssMb();
const t1 = performance.now();
const c1 = cpuMs();
// the first ask computes every user's hours (they are then kept per timeline): that is what is timed
const send = (await engine.run({ kind: "bestSendTime" })) as BestSendTimeResult;
const sendMs = performance.now() - t1;
const sendCpuMs = cpuMs() - c1;
ws.close();
process.stdout.write(
  `${JSON.stringify({
    totalMs,
    totalCpuMs,
    revenueColumnMs,
    ...lastTimings,
    sendMs,
    sendCpuMs,
    send: { grid: send.grid, fallback: send.fallback, from: send.from, to: send.to },
    load: [loadBefore, os.loadavg()[0] as number],
    rssBefore,
    rssModel,
    rssMb: peakRssMb(),
    users: r.model.trainedOn + r.model.testedOn,
    scored: r.deciles.reduce((s, d) => s + d.users, 0),
    auc: r.model.auc,
    baselineAuc: r.model.baselineAuc,
  })}\n`,
);
