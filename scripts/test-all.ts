// `npm test`: typecheck, lint, unit tests, build, end-to-end tests; stops at the first failing step
// and ends with one line "N passed, N failed" counted from the runners' own JSON reports.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const results = path.join(root, "test-results");
fs.mkdirSync(results, { recursive: true });
const vitestJson = path.join(results, "vitest.json");
const playwrightJson = path.join(results, "playwright.json");
for (const f of [vitestJson, playwrightJson]) fs.rmSync(f, { force: true });

const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const steps: { name: string; cmd: string; args: string[]; env?: Record<string, string> }[] = [
  { name: "typecheck", cmd: "npm", args: ["run", "--silent", "typecheck"] },
  { name: "lint", cmd: bin("biome"), args: ["check", "."] },
  {
    name: "unit tests",
    cmd: bin("vitest"),
    args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`],
  },
  { name: "build", cmd: bin("electron-vite"), args: ["build"] },
  {
    name: "e2e tests",
    cmd: bin("playwright"),
    args: ["test", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  },
];

function counts(): { passed: number; failed: number; skipped: number } {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (fs.existsSync(vitestJson)) {
    const v = JSON.parse(fs.readFileSync(vitestJson, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
    };
    passed += v.numPassedTests;
    failed += v.numFailedTests;
    skipped += v.numPendingTests;
  }
  if (fs.existsSync(playwrightJson)) {
    const p = JSON.parse(fs.readFileSync(playwrightJson, "utf8")) as {
      stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    };
    passed += p.stats.expected + p.stats.flaky;
    failed += p.stats.unexpected;
    skipped += p.stats.skipped;
  }
  return { passed, failed, skipped };
}

let failedStep: string | null = null;
for (const step of steps) {
  const t0 = performance.now();
  process.stdout.write(`\n== ${step.name}\n`);
  const r = spawnSync(step.cmd, step.args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...step.env },
  });
  process.stdout.write(
    `== ${step.name}: ${r.status === 0 ? "ok" : "FAILED"} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  if (r.status !== 0) {
    failedStep = step.name;
    break;
  }
}
const c = counts();
if (failedStep && c.failed === 0) c.failed = 1; // a failed typecheck, lint or build counts as a failure
if (failedStep) process.stdout.write(`\nfailed step: ${failedStep}\n`);
process.stdout.write(
  `\n${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""}\n`,
);
process.exit(failedStep ? 1 : 0);
