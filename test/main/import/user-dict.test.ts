import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserDict } from "../../../src-main/import/user-dict.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { tempWorkspace } from "./helpers.ts";

describe("UserDict", () => {
  it("gives every distinct id one code, by bytes or by string, like a Map", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", maxLength: 6 }), { maxLength: 3000 }), (ids) => {
        const dict = new UserDict(10);
        const oracle = new Map<string, number>();
        ids.forEach((id, i) => {
          const b = Buffer.from(`>>${id}<<`, "utf8");
          // every other look-up by string, the rest by the bytes inside a larger buffer
          const code = i % 2 ? dict.codeOfString(id) : dict.codeOf(b, 2, b.length - 2);
          if (!oracle.has(id)) oracle.set(id, 10 + oracle.size);
          expect(code).toBe(oracle.get(id));
        });
        expect(dict.take()).toEqual([...oracle.keys()]);
        expect(dict.count).toBe(oracle.size);
      }),
      { numRuns: 50 },
    );
  });

  it("gives deferred ids the codes a look-up each would give, in the order they came", () => {
    // ids from a small pool, so that they repeat, some long enough that the copied bytes outgrow
    // their first buffer; runs of defers up to 2,500 long, so that runs pass one settle (1,024)
    const id = fc.oneof(
      fc.integer({ min: 0, max: 400 }).map((n) => `id-${n}`),
      fc.integer({ min: 0, max: 20 }).map((n) => `${"long-".repeat(40)}${n}`),
    );
    const step = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          how: fc.constant("defer"),
          ids: fc.array(id, { minLength: 1, maxLength: 2500, size: "max" }),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          how: fc.constantFrom("bytes", "string"),
          ids: fc.array(id, { minLength: 1, maxLength: 3 }),
        }),
      },
      { weight: 1, arbitrary: fc.record({ how: fc.constantFrom("take", "newArray"), ids: fc.constant([]) }) },
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12, size: "max" }), (steps) => {
        const dict = new UserDict(3);
        const oracle = new Map<string, number>();
        const codeOf = (key: string) => {
          if (!oracle.has(key)) oracle.set(key, 3 + oracle.size);
          return oracle.get(key);
        };
        const size = steps.reduce((n, s) => n + s.ids.length, 0);
        let out = new Int32Array(size);
        let at = 0;
        /** every deferred id: the array its code goes to, where, and the code a Map gives */
        const wanted: { out: Int32Array; at: number; code: number | undefined }[] = [];
        const taken: string[] = [];
        for (const { how, ids } of steps) {
          if (how === "take") taken.push(...dict.take());
          else if (how === "newArray") out = new Int32Array(size);
          for (const key of ids) {
            if (how === "defer") {
              const b = Buffer.from(`..${key}.`, "utf8");
              dict.defer(b, 2, b.length - 1, out, at);
              b.fill(0); // the bytes are copied: the caller's buffer is reused
              wanted.push({ out, at, code: codeOf(key) });
            } else {
              const b = Buffer.from(key, "utf8");
              const got = how === "string" ? dict.codeOfString(key) : dict.codeOf(b, 0, b.length);
              expect(got).toBe(codeOf(key));
            }
            at++;
          }
        }
        expect(dict.nextCode).toBe(3 + oracle.size);
        taken.push(...dict.take());
        for (const w of wanted) expect(w.out[w.at]).toBe(w.code);
        expect(taken).toEqual([...oracle.keys()]);
        expect(dict.count).toBe(oracle.size);
      }),
      // a failing case of thousands of ids takes minutes to shrink: report it as found
      { numRuns: 40, endOnFailure: true },
    );
  });

  it("starts from a workspace's users and carries on after the highest code", () => {
    const ws = tempWorkspace();
    const w = Workspace.open(ws);
    w.db.prepare("INSERT INTO users (id, external_id) VALUES (3, 'a'), (7, 'ü'), (5, '')").run();
    const dict = UserDict.read(w.db);
    w.close();
    expect([dict.codeOfString("a"), dict.codeOfString("ü"), dict.codeOfString("")]).toEqual([3, 7, 5]);
    expect(dict.codeOfString("new")).toBe(8);
    expect(dict.take()).toEqual(["new"]);
  });

  it("after release holds no user and frees its table's memory at once", () => {
    const dict = new UserDict(1);
    for (let i = 0; i < 200_000; i++) dict.codeOfString(`user-${i}`);
    dict.take();
    const before = process.memoryUsage().arrayBuffers;
    dict.release();
    // the table alone was 16 bytes a slot for at least twice the users
    expect(before - process.memoryUsage().arrayBuffers).toBeGreaterThan(16 * 2 * 200_000);
    expect(dict.count).toBe(0);
    // codes carry on from where they were: an id seen before is new again, with the next code
    expect(dict.codeOfString("user-1")).toBe(200_001);
    expect(dict.take()).toEqual(["user-1"]);
  });
});
