// Which CLI `strata` runs: the bundle that `npm run build` writes to out/main (cli.js), while every
// file it was built from is unchanged since the build began (out/main/cli-sources.json, written by
// scripts/cli-sources.ts); else the TypeScript sources. STRATA_CLI=source always runs the sources.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

// Some file systems keep modification times in whole seconds (or two): a file changed just after the
// build began may carry a time just before it. Such a file counts as changed; the cost is running
// the sources until the next build.
const COARSE_MS = 2000;

/** out/main/cli.js when it is current, else null. */
function currentBundle(root, env) {
  if (env.STRATA_CLI === "source") return null;
  const dir = path.join(root, "out", "main");
  try {
    const { built, files } = JSON.parse(fs.readFileSync(path.join(dir, "cli-sources.json"), "utf8"));
    if (typeof built !== "number" || !Array.isArray(files) || files.length === 0) return null;
    for (const f of files) {
      // a file edited, replaced (git checkout, npm ci) or removed since the build started
      if (typeof f !== "string" || fs.statSync(path.join(root, f)).mtimeMs > built - COARSE_MS) return null;
    }
    const bundle = path.join(dir, "cli.js");
    return fs.existsSync(bundle) ? bundle : null;
  } catch {
    return null;
  }
}

module.exports = { currentBundle };
