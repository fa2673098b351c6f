// Preloaded (node --require) into a whole `strata query` process by the bench: prints
// "FIGURES <peak RSS kB> <CPU us>" to stderr as it exits, the peak read as bench/types.ts peakRssMb
// does. A preload, unlike `node -e`, stays in a process that replaces itself (scripts/huge-pages.cjs):
// its CPU time counts both images, its peak the last one's.
"use strict";
process.on("exit", () => {
  const u = process.resourceUsage();
  let kb = u.maxRSS;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(require("node:fs").readFileSync("/proc/self/status", "utf8"));
    if (m) kb = Number(m[1]);
  } catch {
    // not Linux: getrusage's peak
  }
  process.stderr.write(`FIGURES ${kb} ${u.userCPUTime + u.systemCPUTime}\n`);
});
