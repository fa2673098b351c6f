import { describe, expect, it } from "vitest";
import {
  lettersOnly,
  metaState,
  normalizeCountry,
  normalizeEmail,
  normalizeZip,
  toE164,
  trimLower,
} from "../../../src-main/export/normalize.ts";

describe("normalizeEmail", () => {
  it("trims and lowercases", () => {
    expect(normalizeEmail("  Jane.Doe@Example.COM \t")).toBe("jane.doe@example.com");
  });
  it("rejects what is not an address", () => {
    for (const bad of ["", "jane", "jane@", "@example.com", "jane doe@example.com", "jane@example"])
      expect(normalizeEmail(bad)).toBeNull();
  });
});

describe("toE164", () => {
  it("keeps numbers written with + or 00, whatever the country", () => {
    expect(toE164("+44 844 412 4653", null)).toBe("+448444124653"); // Meta's own example
    expect(toE164("0044 20 7946 0958", "US")).toBe("+442079460958");
    expect(toE164("+1 (650) 555-1212", "GB")).toBe("+16505551212");
  });
  it("puts the country's calling code in front of a national number", () => {
    expect(toE164("(650) 555-1212", "US")).toBe("+16505551212");
    expect(toE164("030 1234567", "DE")).toBe("+49301234567");
    expect(toE164("06 12 34 56 78", "FR")).toBe("+33612345678");
  });
  it("keeps the leading 0 of Italian numbers", () => {
    expect(toE164("06 6982 1234", "IT")).toBe("+390669821234");
  });
  it("reads a long number already starting with the calling code as carrying it", () => {
    expect(toE164("1-234-567-8910", "US")).toBe("+12345678910"); // Meta's own example
    expect(toE164("4915112345678", "DE")).toBe("+4915112345678");
  });
  it("drops extensions and refuses what cannot be placed", () => {
    expect(toE164("650-555-1212 ext. 44", "US")).toBe("+16505551212");
    expect(toE164("650 555 1212", null)).toBeNull();
    expect(toE164("call me", "US")).toBeNull();
    expect(toE164("+12", "US")).toBeNull();
    expect(toE164("+1234567890123456", "US")).toBeNull();
  });
});

describe("countries, names, states, zips", () => {
  it("maps codes, names and common aliases to alpha-2", () => {
    expect(normalizeCountry("us")).toBe("US");
    expect(normalizeCountry("United Kingdom")).toBe("GB");
    expect(normalizeCountry(" germany ")).toBe("DE");
    expect(normalizeCountry("USA")).toBe("US");
    expect(normalizeCountry("UK")).toBe("GB");
    expect(normalizeCountry("Atlantis")).toBeNull();
    expect(normalizeCountry("ZZ")).toBeNull();
  });
  it("keeps lowercase letters only, accents included", () => {
    expect(lettersOnly("  O'Brien-Smith ")).toBe("obriensmith");
    expect(lettersOnly("José")).toBe("josé");
    expect(lettersOnly("Menlo Park")).toBe("menlopark");
    expect(lettersOnly("--")).toBeNull();
  });
  it("uses the 2-letter code for US states", () => {
    expect(metaState("California", "US")).toBe("ca");
    expect(metaState("N.Y.", "US")).toBe("ny");
    expect(metaState("Île-de-France", "FR")).toBe("îledefrance");
  });
  it("trims names for Google and collapses zip spaces", () => {
    expect(trimLower("  Mary Ann ")).toBe("mary ann");
    expect(normalizeZip(" SW1A   1AA ")).toBe("SW1A 1AA");
  });
});
