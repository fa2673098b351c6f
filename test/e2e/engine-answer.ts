import { expect, type Page, type Strata } from "./harness.ts";

/** The engine's answer to the query a view last ran (its data-query), asked again through the API. */
export async function engineAnswer<T>(strata: Strata, page: Page, testId: string): Promise<T> {
  const query = JSON.parse((await page.getByTestId(testId).getAttribute("data-query")) ?? "null") as unknown;
  expect(query).not.toBeNull();
  const res = await fetch(`${strata.bridge.url}api/queryRun`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-strata-token": strata.bridge.token },
    body: JSON.stringify({ query }),
  });
  // the main process answers { kind, result } (the registry's QueryAnswer)
  const env = (await res.json()) as { ok: boolean; value: { kind: string; result: T } };
  expect(env.ok).toBe(true);
  expect(env.value.kind).toBe((query as { kind: string }).kind);
  return env.value.result;
}

/** A number as the app prints it ("12,408" -> 12408). */
export const num = (s: string | null) => Number((s ?? "").replace(/[^\d]/g, ""));
