#!/usr/bin/env node
// The `strata` command. Plain CommonJS so that any Node can read it: the CLI itself is TypeScript
// run by Node >= 22.14 (type stripping, Node-API 10 for better-sqlite3). On an older Node we
// re-run with the Node the project installs under node_modules/.bin, or stop with a sentence.
"use strict";
const path = require("node:path");
const fs = require("node:fs");

const root = path.resolve(__dirname, "..");
const [major, minor] = process.versions.node.split(".").map(Number);
const modern = major > 22 || (major === 22 && minor >= 18);

if (!modern) {
  const local = path.join(
    root,
    "node_modules",
    "node",
    "bin",
    process.platform === "win32" ? "node.exe" : "node",
  );
  if (fs.existsSync(local) && !process.env.STRATA_REEXEC) {
    // required here only: loading child_process (and net with it) costs a modern run ~20 ms
    const { spawnSync } = require("node:child_process");
    const r = spawnSync(local, [__filename, ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, STRATA_REEXEC: "1" },
    });
    process.exit(r.status ?? 1);
  }
  process.stderr.write(
    `strata: needs Node >= 22.18 (this is ${process.version}). Run \`npm ci\` in ${root} to install it, ` +
      "then use `npx strata`.\n",
  );
  process.exit(1);
}

// A query's process spends much of its time in the kernel faulting in fresh arrays 4 KB at a time;
// glibc asks Linux for 2 MB pages when told so at the start of the process (huge-pages.cjs).
const { hugePagesEnv, thpMode } = require("./huge-pages.cjs");
/** Whether this process runs this file (`node strata.cjs`, or npx's link to it), not `node -e`. */
function runsThisFile() {
  try {
    return fs.realpathSync(process.argv[1] ?? "") === __filename;
  } catch {
    return false;
  }
}
const huge =
  typeof process.execve === "function" && runsThisFile()
    ? hugePagesEnv(process.argv.slice(2), process.env, process.platform, thpMode)
    : null;
if (huge) {
  try {
    // the same command in this process, its environment changed (no second process)
    process.execve(
      process.execPath,
      [process.execPath, ...process.execArgv, __filename, ...process.argv.slice(2)],
      huge,
    );
  } catch {
    // the query runs as it is, with 4 KB pages
  }
}

// V8's compile cache (in the OS temp folder) saves most of the start-up a one-shot command pays,
// in this thread and in the worker threads it starts (compile-cache.cjs).
require("./compile-cache.cjs").useCompileCache();

// The built CLI (one bundle) when it is current: loading ~190 TypeScript modules costs a one-shot
// command more than its query (cli-bundle.cjs).
const bundle = require("./cli-bundle.cjs").currentBundle(root, process.env);
const cli = bundle
  ? Promise.resolve().then(() => require(bundle))
  : import(path.join(root, "src-main", "cli", "main.ts"));
cli.then(
  (m) =>
    m.main(process.argv.slice(2)).then((code) => {
      process.exitCode = code;
    }),
  (err) => {
    process.stderr.write(`strata: ${err?.stack ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
