import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// Finding 10 of issue 20: messages that sent the analyst looking in the wrong place.

async function importOne(name: string, bytes: Buffer | string) {
  const dir = tmpDir();
  const f = path.join(dir, name);
  fs.writeFileSync(f, bytes);
  let text = "";
  const code = await main(["import", f, "--workspace", path.join(dir, "w.strata")], {
    out: (t) => {
      text += t;
    },
    err: (t) => {
      text += t;
    },
    stdin: async () => "",
  });
  return { code, text };
}

describe("import messages", () => {
  it("imports a one-line NDJSON file without a final newline", async () => {
    const r = await importOne("one.ndjson", '{"user_id":"u1","event":"x","time":"2024-01-01T00:00:00Z"}');
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/1 events added/);
  });

  it("calls a truncated gzip cut off, not empty", async () => {
    const gz = zlib.gzipSync("user_id,event,time\nu1,x,2024-01-01\nu2,y,2024-01-02\n");
    const r = await importOne("cut.csv.gz", gz.subarray(0, 20));
    expect(r.code).toBe(2);
    expect(r.text).toMatch(/cut\.csv\.gz ends early \(the gzip data is cut off\)/);
    expect(r.text).not.toMatch(/empty/);
  });

  it("never prints an empty column list", async () => {
    const r = await importOne("blank.ndjson", "[]\n");
    expect(r.code).toBe(2);
    expect(r.text).not.toMatch(/\(columns: \)/);
  });
});
