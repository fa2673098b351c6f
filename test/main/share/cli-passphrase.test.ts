import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { journeys } from "../../helpers/journeys.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// Issue 12 (share, via issue 20): the CLI opens and queries an encrypted copy with a passphrase from
// STRATA_PASSPHRASE or a terminal prompt, never from the command line.

async function cli(args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    stdin: async () => "",
  });
  return { code, out, err };
}

afterEach(() => {
  delete process.env.STRATA_PASSPHRASE;
});

const privateStages = () =>
  fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`strata-share-${process.pid}-`));

describe("encrypted copies in the CLI", () => {
  it("queries and describes an encrypted copy with STRATA_PASSPHRASE and leaves no plain file", async () => {
    const dir = tmpDir();
    const j = journeys({ a: [["buy", "2024-06-01T10:00Z"]], b: [["visit", "2024-06-01T11:00Z"]] });
    j.ws.close();
    const sealed = path.join(dir, "sealed.strata");
    process.env.STRATA_PASSPHRASE = "correct horse battery";
    const s = await cli(["share", j.file, "--out", sealed]);
    j.close();
    expect(s.code, s.err).toBe(0);
    expect(s.err).toMatch(/encrypted/);
    expect(fs.readFileSync(sealed).subarray(0, 8).toString("latin1")).toBe("STRATAEN");

    const q = JSON.stringify({ kind: "segmentCount", segment: { performed: { event: "buy" } } });
    const r = await cli(["query", sealed, q]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ users: 1, ofTotal: 2 });
    const i = await cli(["info", sealed, "--json"]);
    expect(i.code, i.err).toBe(0);
    expect(JSON.parse(i.out).users).toBe(2);
    expect(privateStages()).toEqual([]);

    process.env.STRATA_PASSPHRASE = "wrong horse battery";
    const w = await cli(["query", sealed, q]);
    expect(w.code).toBeGreaterThan(0);
    expect(w.err).toMatch(/passphrase is wrong/);
    expect(privateStages()).toEqual([]);

    delete process.env.STRATA_PASSPHRASE;
    const none = await cli(["query", sealed, q]);
    expect(none.code).toBeGreaterThan(0);
    expect(none.err).toMatch(/STRATA_PASSPHRASE/);
    // there is no command-line option for it
    const flag = await cli(["query", sealed, q, "--passphrase", "correct horse battery"]);
    expect(flag.code).toBe(2);
  });
});
