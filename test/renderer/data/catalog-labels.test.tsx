import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { catalogProperties } from "../../../src-main/store/catalog.ts";
import { PropertyList } from "../../../src-renderer/features/data/PropertyList.tsx";
import { type JourneySpec, type Journeys, journeys } from "../../helpers/journeys.ts";

// Top-value shares are of the rows where the property is set (not of the top 10 listed), and a
// distinct count that stopped at its cap says so.

let j: Journeys | undefined;
afterEach(() => j?.close());

describe("catalog property facts", () => {
  it("top-value shares are of the rows where the property is set", () => {
    // 12 plans: "a" on 10 users, 11 others on 1 each; 3 users without a plan
    const spec: JourneySpec = {};
    for (let i = 0; i < 10; i++) spec[`a${i}`] = { attributes: { plan: "a" } };
    for (let i = 0; i < 11; i++) spec[`o${i}`] = { attributes: { plan: `p${i}` } };
    for (let i = 0; i < 3; i++) spec[`n${i}`] = { attributes: { country: "FR" } };
    j = journeys(spec);
    const plan = catalogProperties(j.ws, "user").find((p) => p.name === "plan");
    expect(plan?.valuesOf).toBe(21);
    expect(plan?.distinct).toBe(12);
    expect(plan?.distinctCapped).toBeUndefined();
    const html = renderToStaticMarkup(
      <PropertyList properties={plan ? [plan] : []} unit="users" empty="none" />,
    );
    // 10 of 21 users = 47.6%, not 10 of the top 10 values' 19 (52.6%)
    expect(html).toContain("47.6%");
    expect(html).not.toContain("52.6%");
    expect(html).toContain("10 of 21 users");
  });

  it("a distinct count that hit its cap is shown as a lower bound", () => {
    const spec: JourneySpec = {};
    for (let i = 0; i < 5_010; i++) spec[`u${i}`] = { attributes: { email: `u${i}@x.org` } };
    j = journeys(spec);
    const email = catalogProperties(j.ws, "user").find((p) => p.name === "email");
    expect(email?.distinct).toBe(5_000);
    expect(email?.distinctCapped).toBe(true);
    const html = renderToStaticMarkup(
      <PropertyList properties={email ? [email] : []} unit="users" empty="none" />,
    );
    expect(html).toContain("5,000+ distinct");
  });
});
