import { expect, test } from "./harness.ts";
import { go, settle } from "./steps.ts";

// The Power users template on the demo: 20 or more actions in 30 days, message deliveries left out.
// The builder shows it in words, and its live count is the engine's count of the same definition
// and smaller than counting every event (the demo sends e-mails and pushes).

test("Power users leaves message deliveries out and counts what the engine counts", async ({
  page,
  strata,
}) => {
  await strata.openDemo();
  await go(page, "Segments");
  await page.getByRole("button", { name: "New segment" }).click();
  await page.getByRole("button", { name: /^Power users/ }).click();
  await expect(page.getByTestId("segment-summary")).toContainText("any event except email_sent, push_sent");
  const badge = page.getByTestId("segment-count");
  await expect(badge).toHaveAttribute("aria-busy", "false");
  const session = strata.bridge.session;
  const within = { last: 30, unit: "day" } as const;
  const count = async (where: { property: string; op: "notIn"; value: string[] }[]) => {
    const r = await session.query({
      kind: "segmentCount",
      segment: {
        all: [{ performed: { event: null, where }, count: { op: "gte", value: 20 }, within }],
      },
    });
    return r.users;
  };
  const activity = await count([{ property: "$event", op: "notIn", value: ["email_sent", "push_sent"] }]);
  const everything = await count([]);
  expect(activity).toBeGreaterThan(0);
  expect(activity).toBeLessThan(everything);
  await expect.poll(async () => Number(await badge.getAttribute("data-users"))).toBe(activity);
  await settle(page);
  await strata.shot("segments-power-users");
});
