import { expect, type Page, test } from "@playwright/test";
import { sweepViewSchema } from "@/lib/playground-api";
import { uniqueToken } from "./wavespeed/upstream";

/** The label column's width and every cell's height, as drawn. */
const layout = async (page: Page) => ({
  label: (await page.getByTestId("sweep-y-label").first().locator("xpath=ancestor::th").boundingBox())!.width,
  heights: await page
    .getByTestId("sweep-cell")
    .evaluateAll((cells) => cells.map((cell) => Math.round(cell.getBoundingClientRect().height))),
});

test("a running sweep keeps a stable grid, sizes its cells, fits the screen, and names its swept seeds", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const sweep = sweepViewSchema.parse(
    await (
      await request.post("/api/sweeps", {
        data: {
          base: { prompt: `${uniqueToken("grid")} a windmill`, num_images: 2 },
          x: { field: "seed", values: [101, 202, 303, 404] },
          y: { field: "prompt", values: ["a windmill at noon", "a windmill in a long and winding storm at midnight"] },
        },
      })
    ).json(),
  );
  await page.goto(`/s/${sweep.id}`);
  await expect(page.getByTestId("sweep-settings")).toContainText("seeds 101, 202, 303, 404 (across)");
  await expect(page.getByTestId("sweep-settings")).not.toContainText(`seed ${sweep.base.seed}`);

  const cells = page.getByTestId("sweep-cell");
  await expect(cells).toHaveCount(8);
  const early = await layout(page);
  // Cells without their image show no words and offer nothing: a shimmer until they are done (the state is for screen readers).
  // Read at one moment, as cells change state all the time.
  const waiting = await page.getByTestId("sweep-cell").evaluateAll((list) =>
    list
      .filter((cell) => ["created", "processing"].includes(cell.getAttribute("data-state") ?? ""))
      .map((cell) => ({
        text: cell.textContent,
        buttons: cell.querySelectorAll("button, a").length,
        widest: Math.max(0, ...[...cell.querySelectorAll("span")].map((span) => span.getBoundingClientRect().width)),
      })),
  );
  for (const cell of waiting) expect(cell).toEqual({ text: expect.stringMatching(/^(waiting|running)$/), buttons: 0, widest: 1 });
  await expect(page.locator('[data-testid="sweep-cell"][data-state="completed"]')).toHaveCount(8, { timeout: 120_000 });
  const done = await layout(page);
  // Nothing moved as the cells finished: the label column, and one height for every cell.
  expect(done.label).toBeCloseTo(early.label, 0);
  expect(new Set(done.heights).size).toBe(1);
  expect(done.heights).toEqual(early.heights);

  // Fit to screen (the default): the whole grid on the first screen.
  const grid = page.getByTestId("sweep-grid");
  await expect(grid).toHaveAttribute("data-size", "fit");
  let box = (await grid.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  // Large cells: a wider grid, every cell still the same.
  await page.getByRole("radio", { name: "Large" }).check();
  await expect(grid).toHaveAttribute("data-size", "l");
  const large = (await grid.boundingBox())!;
  expect(large.width).toBeGreaterThan(box.width);
  expect(new Set((await layout(page)).heights).size).toBe(1);
  await page.getByRole("radio", { name: "Fit to screen" }).check();
  box = (await grid.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(800);
});
