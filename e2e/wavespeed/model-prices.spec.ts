import { expect, test } from "@playwright/test";
import { PlaygroundPage } from "../pages/playground-page";

/** On WaveSpeed every image is billed at its model's price: the estimate follows the model chosen. */
test("the cost estimate is the chosen model's price per image", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.goto("?model=max");
  await playground.fill({ prompt: "a red kite over dunes", images: 2 });
  await expect(page.getByTestId("cost-estimate")).toContainText("$0.08 × 2 = $0.16");
  await page
    .getByRole("radiogroup", { name: "Model" })
    .getByRole("radio", { name: /^FLUX\.1 Kontext \[pro\],/ })
    .check();
  await expect(page.getByTestId("cost-estimate")).toContainText("$0.04 × 2 = $0.08");
});
