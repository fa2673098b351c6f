// better-sqlite3 13 is a Node-API 10 addon: on an older Node it segfaults instead of failing.
// Stop the run with a sentence instead.
export default function requireNodeApi10(): void {
  const napi = Number(process.versions.napi ?? 0);
  if (napi < 10) {
    throw new Error(
      `Strata's tests need Node >= 22.14 (Node-API 10); this is Node ${process.version} (Node-API ${napi}). ` +
        "Run them through npm (npm test / npx vitest), which uses the Node 24 installed in node_modules/.bin.",
    );
  }
}
