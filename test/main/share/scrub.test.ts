import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isPersonal, pseudonym } from "../../../src-main/share/scrub.ts";

describe("personal attribute names", () => {
  it("match whatever the letter case and separators", () => {
    for (const n of [
      "email",
      "E-Mail",
      "Email Address",
      "phone_number",
      "First Name",
      "lastName",
      "ZIP",
      "postal-code",
      "IP",
      "date_of_birth",
    ])
      expect(isPersonal(n), n).toBe(true);
  });
  it("leave analytic attributes alone", () => {
    for (const n of ["plan", "country", "city", "signup_source", "emails_sent", "named_plan"])
      expect(isPersonal(n), n).toBe(false);
  });
});

describe("pseudonyms", () => {
  it("are HMAC-SHA256 hex under the key: stable per key, different across keys", () => {
    const expected = createHmac("sha256", "k-1").update("user-42", "utf8").digest("hex");
    expect(pseudonym("k-1", "user-42")).toBe(expected);
    expect(pseudonym("k-1", "user-42")).toBe(pseudonym("k-1", "user-42"));
    expect(pseudonym("k-2", "user-42")).not.toBe(expected);
  });
});
