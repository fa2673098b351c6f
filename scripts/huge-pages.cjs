// Huge pages for `strata query`. A query's process spends much of its time in the kernel faulting in
// the fresh arrays it reads the engine's columns into, 4 KB at a time (at 100M events 1.1 GB of
// them). On Linux with transparent huge pages in "madvise" mode, glibc's malloc marks its large
// blocks for 2 MB pages when GLIBC_TUNABLES says glibc.malloc.hugetlb=1 (glibc >= 2.35; an older one
// ignores it), and glibc reads that only when the process starts: so strata.cjs replaces its process
// with itself in that environment. With THP "always" every process has them already; with "never",
// or on another OS, nothing would change. docs/query-path.md, "Huge pages for the CLI".
"use strict";
const fs = require("node:fs");

const TUNABLE = "glibc.malloc.hugetlb=1";

/** The kernel's transparent huge page mode ("always", "madvise", "never"), or null when unknown. */
function thpMode() {
  try {
    const text = fs.readFileSync("/sys/kernel/mm/transparent_hugepage/enabled", "latin1");
    return /\[(\w+)\]/.exec(text)?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * The environment to run `strata ARGS` again with, or null to run it as it is: only a query, only
 * on Linux with THP in madvise mode, only once (STRATA_HUGEPAGES marks the second run, and set by
 * hand to anything turns this off), and keeping any tunables already set.
 */
function hugePagesEnv(args, env, platform, mode) {
  if (args[0] !== "query" || platform !== "linux") return null;
  if (env.STRATA_HUGEPAGES !== undefined) return null;
  const tunables = env.GLIBC_TUNABLES ?? "";
  if (tunables.includes("glibc.malloc.hugetlb")) return null;
  if (mode() !== "madvise") return null;
  return { ...env, GLIBC_TUNABLES: tunables ? `${tunables}:${TUNABLE}` : TUNABLE, STRATA_HUGEPAGES: "1" };
}

module.exports = { hugePagesEnv, thpMode };
