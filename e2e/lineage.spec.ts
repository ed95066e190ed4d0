import { expect, test } from "@playwright/test";
import { shortId } from "@/lib/domain";
import { predictionViewSchema } from "@/lib/playground-api";
import { HistoryPage } from "./pages/history-page";
import { PlaygroundPage } from "./pages/playground-page";
import { SharePage } from "./pages/share-page";
import { uniqueToken } from "./wavespeed/upstream";

test("a chain of three: each run names its parent and what changed, the share page shows ancestors and children", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const playground = new PlaygroundPage(page);
  await playground.goto();
  const prompt = `A lighthouse in a storm ${uniqueToken("lineage")}`;
  await playground.fill({ prompt, seed: "1848" });
  await playground.generate();
  const first = playground.newestRun();
  await first.waitUntilCompleted();
  const firstId = (await first.shareLink.getAttribute("href"))!.split("/").pop()!;
  await expect(first.root.getByTestId("lineage-chip")).toHaveCount(0);

  // Vary seed: the new card says where it came from and which seed changed.
  await first.button("Vary seed").click();
  const second = playground.newestRun();
  await second.waitUntilCompleted();
  const secondSeed = await second.seed();
  await expect(second.root.getByTestId("lineage-chip")).toHaveText(
    `vary seed of ${shortId(firstId)} · seed 1848 → ${secondSeed}`,
  );
  const secondId = (await second.shareLink.getAttribute("href"))!.split("/").pop()!;

  // Use settings, then one change: recorded as settings of the second run, guidance changed.
  await second.button("Use settings").click();
  await expect(page.getByTestId("parent-notice")).toContainText(shortId(secondId));
  await playground.guidance.fill("6");
  await playground.generate();
  const third = playground.newestRun();
  await third.waitUntilCompleted();
  await expect(third.root.getByTestId("lineage-chip")).toHaveText(`settings of ${shortId(secondId)} · guidance 3.5 → 6`);
  const thirdId = (await third.shareLink.getAttribute("href"))!.split("/").pop()!;

  const stored = predictionViewSchema.parse(await (await request.get(`/api/predictions/${thirdId}`)).json());
  expect(stored.lineage).toEqual({
    parentId: secondId,
    kind: "settings",
    changes: [{ field: "guidance_scale", from: 3.5, to: 6 }],
  });
  expect(stored.threadId).toBe(firstId);

  // The chip links to the parent; the share page shows the chain root first, and the children.
  await third.root.getByTestId("lineage-chip").click();
  await expect(page).toHaveURL(new RegExp(`/p/${secondId}$`));
  const share = new SharePage(page);
  await expect(page.getByTestId("ancestors").getByTestId("family-link")).toHaveCount(1);
  await expect(page.getByTestId("ancestors")).toContainText(shortId(firstId));
  await expect(page.getByTestId("children").getByTestId("family-link")).toHaveCount(1);
  await expect(page.getByTestId("children")).toContainText(shortId(thirdId));

  await share.goto(thirdId);
  const ancestors = page.getByTestId("ancestors").getByTestId("family-link");
  await expect(ancestors).toHaveCount(2);
  await expect(ancestors.nth(0)).toContainText(shortId(firstId));
  await expect(ancestors.nth(1)).toContainText(shortId(secondId));

  // History narrowed to the thread: the root and all its descendants.
  await page.getByRole("link", { name: "The whole thread in history" }).click();
  const history = new HistoryPage(page);
  await history.waitUntilReady();
  await expect(page.getByTestId("thread-banner")).toBeVisible();
  await expect(history.entries).toHaveCount(3);
  expect(await history.entries.evaluateAll((entries) => entries.map((entry) => entry.getAttribute("data-id")))).toEqual([
    thirdId,
    secondId,
    firstId,
  ]);
});

test("grouping history by thread shows one entry per thread, linking to the whole thread", async ({ page, request }) => {
  const token = uniqueToken("group");
  const submit = async (body: object) =>
    predictionViewSchema.parse(await (await request.post("/api/predictions", { data: body })).json());
  const root = await submit({ prompt: `${token} a mill by a river`, seed: 5 });
  await submit({ prompt: `${token} a mill by a river`, seed: 6, parent: { id: root.id, kind: "vary_seed" } });
  await submit({ prompt: `${token} a windmill`, seed: 6 });

  const history = new HistoryPage(page);
  await history.goto({ q: token });
  await expect(history.entries).toHaveCount(3);
  await page.getByLabel("Group by thread").check();
  await expect(history.entries).toHaveCount(2);
  const mill = page.locator(`[data-testid="history-entry"][data-id="${root.id}"]`);
  await expect(mill.getByTestId("thread-link")).toHaveText("2 runs in its thread");
  await mill.getByTestId("thread-link").click();
  await expect(page).toHaveURL(new RegExp(`thread=${root.id}`));
  await expect(history.entries).toHaveCount(2);
});
