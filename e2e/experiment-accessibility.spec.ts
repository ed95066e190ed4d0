import { expect, test } from "@playwright/test";
import { sweepViewSchema } from "@/lib/playground-api";
import { axeViolations, seriousAxeViolations } from "./pages/axe";
import { openCompare } from "./pages/compare-page";
import { PlaygroundPage } from "./pages/playground-page";
import { completedRun, uniqueToken, waitForTerminal } from "./wavespeed/upstream";

for (const colorScheme of ["light", "dark"] as const) {
  test(`the sweep form has no serious accessibility violations (${colorScheme})`, async ({ page }) => {
    test.slow();
    await page.emulateMedia({ colorScheme });
    const playground = new PlaygroundPage(page);
    await playground.goto();
    await playground.fill({ prompt: `${uniqueToken("a11y")} a {red|blue} kite` });
    await page.getByLabel("Sweep: a grid over one or two parameters").check();
    await page.getByLabel("Down (Y) parameter").selectOption("prompt");
    await expect(page.getByTestId("sweep-summary")).toContainText("4 × 2 = 8 cells");
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  for (const width of [1280, 375])
    test(`the owner's share pages, a sweep and a compare are axe-clean (${width} px, ${colorScheme})`, async ({
      page,
      request,
    }) => {
      // axe reads every node of the page: on a busy 2-core machine it can take most of a minute per page.
      test.setTimeout(240_000);
      await page.setViewportSize({ width, height: width < 640 ? 812 : 800 });
      await page.emulateMedia({ colorScheme });
      const token = uniqueToken("a11y");
      const original = await completedRun(request, { prompt: `${token} a harbour`, num_images: 2 });
      const edit = await completedRun(request, {
        prompt: `${token} make it night`,
        image: new URL(original.outputs[0].url).pathname,
        parent: { id: original.id, kind: "edit" },
      });
      await completedRun(request, { prompt: `${token} with a note`, parent: { id: original.id, kind: "rerun" } });
      for (const id of [original.id, edit.id]) {
        await page.goto(`/p/${id}`);
        await expect(page.getByRole("link", { name: "Use these settings" })).toBeVisible();
        expect(await axeViolations(page), `/p/${id}`).toEqual([]);
      }

      const sweep = sweepViewSchema.parse(
        await (
          await request.post("/api/sweeps", {
            data: {
              base: { prompt: `${token} a kite` },
              x: { field: "seed", values: [1, 2, 3] },
              y: { field: "guidance_scale", values: [2, 4] },
            },
          })
        ).json(),
      );
      await page.goto(`/s/${sweep.id}`);
      // While it runs, and once done.
      expect(await axeViolations(page), "running sweep").toEqual([]);
      await expect(page.locator('[data-testid="sweep-cell"][data-state="completed"]')).toHaveCount(6, { timeout: 90_000 });
      expect(await axeViolations(page), "finished sweep").toEqual([]);

      const [a, b] = await Promise.all(sweep.cells.slice(0, 2).map((cell) => waitForTerminal(request, cell.id)));
      await openCompare(page, a, b);
      await expect(page.getByTestId("diff-table")).toBeVisible();
      expect(await axeViolations(page), "compare").toEqual([]);
      await page.getByRole("radio", { name: "Slider" }).check();
      expect(await axeViolations(page), "compare slider").toEqual([]);
      await page.getByTestId("fit-toggle").click();
      expect(await axeViolations(page), "compare at 100%").toEqual([]);
    });
}
