// What fresh memory costs on this machine: an open reads the engine's columns into arrays it has just
// allocated, and the kernel hands each page of them over on its first write (a page fault). This
// times the first write to every 4 KB page of a fresh block (one write a page, nothing else), on one
// thread and on two (as the app's two query workers write), with the process's default pages and
// with 2 MB pages (glibc's hugetlb tunable, as `strata query` gives itself: scripts/huge-pages.cjs;
// the app cannot: docs/query-path.md, "Huge pages for the CLI"). Each setting runs three fresh
// processes: the first after the machine has been idle for a while, the other two right after it.
// On the development VM, with 2 MB pages, the first is the one that pays: its balloon device reports
// memory the guest has freed to the host, which takes it back, and the next process to take such
// memory waits for the host to give it again (docs/performance.md, "What fresh memory costs on the
// development VM"). With 4 KB pages every run pays about the same.
//   node bench/fresh-memory.ts [MB] [IDLE_S]   -> JSON on stdout (default 1024 MB, 15 s idle)
//   node bench/fresh-memory.ts --child MB T    (one measurement with T threads, in its own process)
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { hugePagesEnv, thpMode } from "../scripts/huge-pages.cjs";
import { runNodeChild } from "./app-process.ts";

const PAGE = 4096;

/** One setting's three processes. */
interface FreshMemoryRow {
  pages: string;
  threads: number;
  mb: number;
  runsMs: number[];
  afterIdleMsPerGb: number;
  bestMsPerGb: number;
  bestUsPer4k: number;
}

/**
 * Milliseconds to write once to each 4 KB page of a fresh block of `bytes`. The block is not freed:
 * the process measures once and ends, and a free inside the timed span would add the unmapping.
 */
function touch(bytes: number): number {
  const t0 = performance.now();
  const block = new Float64Array(bytes / 8);
  for (let i = 0; i < block.length; i += PAGE / 8) block[i] = 1;
  return performance.now() - t0;
}

/** A worker's next message, or its failure: a worker that dies must fail the run, not hang it. */
function nextMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`a fresh-memory worker exited (${code})`)));
  });
}

/**
 * `threads` threads each touching its share of `mb` at once; the wall time until all are done. The
 * workers start first and wait for a go, so that one's start-up never overlaps another's writes.
 */
async function measure(mb: number, threads: number): Promise<number> {
  const share = (mb / threads) * 2 ** 20;
  if (threads === 1) return touch(share);
  const workers = Array.from(
    { length: threads },
    () => new Worker(import.meta.filename, { workerData: share }),
  );
  await Promise.all(workers.map(nextMessage));
  const t0 = performance.now();
  const done = workers.map(nextMessage);
  for (const w of workers) w.postMessage("go");
  await Promise.all(done);
  const ms = performance.now() - t0;
  for (const w of workers) w.removeAllListeners();
  await Promise.all(workers.map((w) => w.terminate()));
  return ms;
}

/** A positive number from the command line, or a usage error. */
function positive(text: string | undefined, fallback: number, what: string): number {
  const n = text === undefined ? fallback : Number(text);
  if (!(n > 0) || !Number.isFinite(n))
    throw new Error(
      `${what} must be a positive number (got ${text}): node bench/fresh-memory.ts [MB] [IDLE_S]`,
    );
  return n;
}

/** The milliseconds a child printed. */
function childMs(stdout: string): number {
  const out: unknown = JSON.parse(stdout);
  if (typeof out === "object" && out !== null && "ms" in out && typeof out.ms === "number") return out.ms;
  throw new Error(`a fresh-memory child printed ${stdout}`);
}

/** Three fresh processes of one setting, the first after `idleMs` without work. */
async function row(
  pages: string,
  env: NodeJS.ProcessEnv,
  threads: number,
  mb: number,
  idleMs: number,
): Promise<FreshMemoryRow> {
  const runs: number[] = [];
  await new Promise((resume) => setTimeout(resume, idleMs));
  for (let i = 0; i < 3; i++)
    runs.push(childMs(runNodeChild([import.meta.filename, "--child", String(mb), String(threads)], env)));
  const perGb = (ms: number) => Math.round((ms / mb) * 1024);
  const best = Math.min(...runs);
  return {
    pages,
    threads,
    mb,
    runsMs: runs.map((ms) => Math.round(ms * 10) / 10),
    afterIdleMsPerGb: perGb(runs[0] ?? Number.NaN),
    bestMsPerGb: perGb(best),
    bestUsPer4k: Math.round(((best * 1000) / ((mb * 2 ** 20) / PAGE)) * 100) / 100,
  };
}

if (!isMainThread) {
  const port = parentPort;
  if (!port) throw new Error("a fresh-memory worker has no parent port");
  port.once("message", () => port.postMessage(touch(Number(workerData))));
  port.postMessage("ready");
} else if (process.argv[2] === "--child") {
  const ms = await measure(positive(process.argv[3], 1024, "MB"), positive(process.argv[4], 1, "threads"));
  process.stdout.write(`${JSON.stringify({ ms })}\n`);
} else {
  const mb = positive(process.argv[2], 1024, "MB");
  const idleMs = positive(process.argv[3], 15, "IDLE_S") * 1000;
  const huge = hugePagesEnv(["query"], process.env, process.platform, thpMode);
  const envs: [string, NodeJS.ProcessEnv][] = [["default pages", process.env]];
  if (huge) envs.push(["2 MB pages (glibc.malloc.hugetlb=1)", huge]);
  const rows: FreshMemoryRow[] = [];
  for (const [pages, env] of envs)
    for (const threads of [1, 2]) rows.push(await row(pages, env, threads, mb, idleMs));
  process.stdout.write(`${JSON.stringify({ thp: thpMode(), idleS: idleMs / 1000, rows }, null, 2)}\n`);
}
