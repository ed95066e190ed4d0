import { expect, test } from "@playwright/test";
import { predictionViewSchema, sweepViewSchema } from "@/lib/playground-api";
import { HistoryPage } from "./pages/history-page";

const unique = (text: string) => `${text} ${test.info().testId}-${Date.now().toString(36)}`;

/** The model as something to compare: a history filter and a sweep axis. */
test.describe("the model to compare", () => {
  test("history keeps one model's runs when filtered by model, in its URL", async ({ page, request }) => {
    const prompt = unique("a kite over dunes");
    for (const model of ["pro", "max"]) {
      const answer = await request.post("/api/predictions", { data: { model, prompt } });
      expect(answer.status()).toBe(201);
      expect(predictionViewSchema.parse(await answer.json()).input.model).toBe(model);
    }
    const history = new HistoryPage(page);
    await history.goto({ q: prompt });
    await expect(history.entries).toHaveCount(2);
    await page.getByLabel("Model", { exact: true }).selectOption("max");
    await expect(history.entries).toHaveCount(1);
    await expect(page).toHaveURL(/[?&]model=max(&|$)/);
    await page.reload();
    await expect(history.entries).toHaveCount(1);
    await expect(page.getByLabel("Model", { exact: true })).toHaveValue("max");
  });

  test("a sweep over models runs each cell on its model, with the model in its lineage", async ({ page, request }) => {
    const created = await request.post("/api/sweeps", {
      data: { base: { prompt: unique("a lighthouse") }, x: { field: "model", values: ["pro", "max"] } },
    });
    expect(created.status()).toBe(201);
    const sweep = sweepViewSchema.parse(await created.json());
    expect(sweep.x.labels).toEqual(["[pro]", "[max]"]);
    expect(sweep.cells.map((cell) => cell.input.model).sort()).toEqual(["max", "pro"]);
    const max = sweep.cells.find((cell) => cell.input.model === "max")!;
    expect(max.lineage?.changes).toEqual([{ field: "model", from: "pro", to: "max" }]);

    await page.goto(`/s/${sweep.id}`);
    await expect(page.getByText("models [pro], [max] (across)")).toBeVisible();
  });
});
