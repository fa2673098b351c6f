// What fresh memory costs on this machine: an open reads the engine's columns into arrays it has just
// allocated, and the kernel hands each page of them over on its first write (a page fault). This
// times the first write to every 4 KB page of a fresh block (one write a page, nothing else), on one
// thread and on two (as the app's two query workers write), with the process's default pages and
// with 2 MB pages (glibc's hugetlb tunable, as `strata query` gives itself: scripts/huge-pages.cjs;
// the app cannot: docs/query-path.md, "Huge pages for the CLI"). Each setting runs three fresh
// processes: the first after the machine has been idle for a while, the other two right after it.
// On the development VM the first is the one that pays: its balloon device reports memory the guest
// has freed to the host, which takes it back, and the next process to touch it waits for the host
// to give it again (docs/performance.md, "What fresh memory costs on the development VM").
//   node bench/fresh-memory.ts [MB] [IDLE_S]   -> JSON on stdout (default 1024 MB, 15 s idle)
//   node bench/fresh-memory.ts --child MB T    (one measurement with T threads, in its own process)
import { spawnSync } from "node:child_process";
import path from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { hugePagesEnv, thpMode } from "../scripts/huge-pages.cjs";

const PAGE = 4096;

/** Writes one double to each 4 KB page of a fresh block of `bytes`; returns the milliseconds taken. */
function touch(bytes: number): number {
  const t0 = performance.now();
  const block = new Float64Array(bytes / 8);
  for (let i = 0; i < block.length; i += PAGE / 8) block[i] = 1;
  const ms = performance.now() - t0;
  // the block is given back now, not at some later collection (its pages would count in the next run)
  block.buffer.transfer(0);
  return ms;
}

/** `threads` threads each touching its share of `mb` at once; the wall time until all are done. */
async function measure(mb: number, threads: number): Promise<number> {
  const share = (mb / threads) * 2 ** 20;
  if (threads === 1) return touch(share);
  const workers = Array.from(
    { length: threads },
    () => new Worker(import.meta.filename, { workerData: share }),
  );
  // each worker waits for the go, so that none starts while another is still booting
  await Promise.all(workers.map((w) => new Promise((ready) => w.once("message", ready))));
  const t0 = performance.now();
  const done = workers.map((w) => new Promise((finished) => w.once("message", finished)));
  for (const w of workers) w.postMessage("go");
  await Promise.all(done);
  const ms = performance.now() - t0;
  await Promise.all(workers.map((w) => w.terminate()));
  return ms;
}

if (!isMainThread) {
  const port = parentPort;
  if (!port) throw new Error("a fresh-memory worker has no parent port");
  port.once("message", () => port.postMessage(touch(Number(workerData))));
  port.postMessage("ready");
} else if (process.argv[2] === "--child") {
  const ms = await measure(Number(process.argv[3]), Number(process.argv[4]));
  process.stdout.write(`${JSON.stringify({ ms })}\n`);
} else {
  const mb = Number(process.argv[2] ?? 1024);
  const idleMs = Number(process.argv[3] ?? 15) * 1000;
  const huge = hugePagesEnv(["query"], process.env, process.platform, thpMode);
  const envs: [string, NodeJS.ProcessEnv][] = [["default pages", process.env]];
  if (huge) envs.push(["2 MB pages (glibc.malloc.hugetlb=1)", huge]);
  const rows = [];
  for (const [pages, env] of envs)
    for (const threads of [1, 2]) {
      // three fresh processes each, the first after an idle pause: the first touch in a process is
      // what an open pays, and a first process after a pause pays the most
      const runs: number[] = [];
      await new Promise((resume) => setTimeout(resume, idleMs));
      for (let i = 0; i < 3; i++) {
        const r = spawnSync(
          process.execPath,
          [import.meta.filename, "--child", String(mb), String(threads)],
          {
            cwd: path.dirname(import.meta.dirname),
            encoding: "utf8",
            env,
          },
        );
        if (r.status !== 0) throw new Error(`fresh-memory child failed: ${r.stderr}`);
        runs.push((JSON.parse(r.stdout) as { ms: number }).ms);
      }
      const perGb = (ms: number) => Math.round((ms / mb) * 1024);
      rows.push({
        pages,
        threads,
        mb,
        runsMs: runs.map((ms) => Math.round(ms * 10) / 10),
        afterIdleMsPerGb: perGb(runs[0] ?? Number.NaN),
        bestMsPerGb: perGb(Math.min(...runs)),
        bestUsPer4k: Math.round(((Math.min(...runs) * 1000) / ((mb * 2 ** 20) / PAGE)) * 100) / 100,
      });
    }
  process.stdout.write(`${JSON.stringify({ thp: thpMode(), idleS: idleMs / 1000, rows }, null, 2)}\n`);
}
