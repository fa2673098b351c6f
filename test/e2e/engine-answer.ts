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

/** The engine's answer to a query given here, asked through the page's own bridge (window.strata). */
export async function engineRun<T>(page: Page, query: unknown): Promise<T> {
  const env = await page.evaluate(async (q) => {
    const s = (globalThis as unknown as { strata: { queryRun(r: unknown): Promise<unknown> } }).strata;
    return s.queryRun({ query: q });
  }, query);
  // the bridge answers an envelope around the kind-tagged answer (query-kinds.ts QueryAnswer)
  const e = env as { ok: boolean; value?: { kind: string; result: T }; error?: { message: string } };
  if (!e.ok || !e.value) throw new Error(`engine: ${e.error?.message}`);
  return e.value.result;
}
