import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { ConfirmDialog, undoButton } from "./confirm-dialog";

/** What "axe clean" means here: WCAG 2.0, 2.1 and 2.2 at A and AA, and axe's best practices. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * Waits for the page's finite animations and transitions (a segment's colour after a click, a
 * dialog fading in) to end, so axe reads the colours a person sees once the page is still, not a
 * frame between two. Endless ones (a spinner) are left running.
 */
async function settled(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

type Violations = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"];

/** Violations as `rule: target (why)` lines, so a failing expectation says what and where. */
const asLines = (violations: Violations) =>
  violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id}: ${node.target.join(" ")} (${node.failureSummary?.split("\n")[1]?.trim() ?? ""})`,
    ),
  );

/**
 * Every violation axe finds on the page once it is still (or in `include`), as lines. Empty when
 * the page is clean.
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  await settled(page);
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  return asLines((await builder.analyze()).violations);
}

/** The serious and critical violations of every axe rule, once the page is still (or in `include`). */
export async function seriousAxeViolations(page: Page, include?: string): Promise<string[]> {
  await settled(page);
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return asLines(violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical"));
}

/**
 * Deletes with `deleteButton`, checking the question dialog and then the Undo toast (held on screen
 * by the pointer while axe reads it), and undoes it.
 */
export async function checkDeleteAndUndo(page: Page, deleteButton: Locator) {
  const dialog = new ConfirmDialog(page);
  await deleteButton.click();
  await expect(dialog.root).toBeVisible();
  expect(await axeViolations(page), "the delete dialog").toEqual([]);
  await dialog.confirm("Delete").click();
  await undoButton(page).hover();
  expect(await axeViolations(page), "the undo toast").toEqual([]);
  await undoButton(page).click();
}

/** The two widths and two themes every page is checked at. */
export const VIEWS = [
  { width: 1280, height: 800, colorScheme: "light" },
  { width: 1280, height: 800, colorScheme: "dark" },
  { width: 375, height: 812, colorScheme: "light" },
  { width: 375, height: 812, colorScheme: "dark" },
] as const;
export const viewName = (view: (typeof VIEWS)[number]) => `${view.width} px, ${view.colorScheme}`;

/** The tests `define` declares, once at each of the four views. axe reads every node: give them time. */
export function atEveryView(subject: string, timeoutMs: number, define: (view: (typeof VIEWS)[number]) => void) {
  for (const view of VIEWS) {
    test.describe(`${subject} at ${viewName(view)}`, () => {
      test.use({ viewport: { width: view.width, height: view.height }, colorScheme: view.colorScheme });
      test.describe.configure({ timeout: timeoutMs });
      define(view);
    });
  }
}
