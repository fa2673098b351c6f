import { describe, expect, it } from "vitest";
import { handlers } from "../../src-main/ipc/handlers.ts";
import { api } from "../../src-preload/contract/api.ts";
import { methodNames } from "../../src-preload/contract/method-names.ts";

describe("the contract", () => {
  it("the preload exposes exactly the contract's methods", () => {
    expect([...methodNames].sort()).toEqual(Object.keys(api).sort());
  });

  it("main has one handler per method and no other", () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(api).sort());
  });
});
