import { expect, type Page, test } from "@playwright/test";
import { PlaygroundPage } from "./pages/playground-page";

const unique = (text: string) => `${text} (${test.info().testId}-${Date.now().toString(36)})`;
const model = (page: Page, label: string) =>
  page.getByRole("radiogroup", { name: "Model" }).getByRole("radio", { name: new RegExp(`^FLUX\\.1 Kontext ${label},`) });

/** The model is the form's first choice: priced, with the parameters it takes, carried in the URL. */
test.describe("choosing the model", () => {
  test("runs [max], keeps it in the URL, and names it on the run", async ({ page }) => {
    const playground = new PlaygroundPage(page);
    await playground.goto();
    await expect(model(page, "\\[pro\\]")).toBeChecked();
    await expect(model(page, "\\[max\\]")).toHaveAccessibleName("FLUX.1 Kontext [max], $0.08 per image");
    await model(page, "\\[max\\]").check();
    const prompt = unique("A red kite over dunes");
    await playground.fill({ prompt, aspectRatio: "16:9" });
    await expect(page).toHaveURL(/[?&]model=max(&|$)/);

    await playground.generate();
    const run = playground.newestRun();
    await run.waitUntilCompleted();
    await expect(run.root.getByTestId("run-summary")).toContainText("[max] · 16:9");

    await page.reload();
    await expect(model(page, "\\[max\\]")).toBeChecked();
    await expect(playground.prompt).toHaveValue(prompt);
  });

  test("[dev] shows its own size and steps, takes edits only, and switching back keeps what carries over", async ({ page }) => {
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/api/predictions") posts.push(request.url());
    });
    const playground = new PlaygroundPage(page);
    await playground.goto();
    const prompt = unique("A harbour at night");
    await playground.fill({ prompt, aspectRatio: "9:16" });

    await model(page, "\\[dev\\]").check();
    await expect(page).toHaveURL(/[?&]model=dev(&|$)/);
    await expect(page.getByRole("radiogroup", { name: "Aspect ratio" })).toHaveCount(0);
    await expect(page.getByLabel("Size", { exact: true })).toBeVisible();
    await expect(page.getByLabel("Steps", { exact: true })).toHaveValue("28");
    await expect(playground.prompt).toHaveValue(prompt);

    await playground.generate();
    await expect(page.getByText(/^Model must be one that serves text-to-image/)).toBeVisible();
    await page.getByLabel("Steps", { exact: true }).fill("80");
    await expect(page).toHaveURL(/[?&]steps=80(&|$)/);
    expect(posts).toEqual([]);

    await model(page, "\\[pro\\]").check();
    await expect(playground.aspectRatio("9:16")).toBeChecked();
    await expect(playground.prompt).toHaveValue(prompt);
    await expect(page.getByLabel("Steps", { exact: true })).toHaveCount(0);
  });
});
