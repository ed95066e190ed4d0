import AxeBuilder from "@axe-core/playwright";
import { type Page, test } from "@playwright/test";

/** What "axe clean" means here: WCAG 2.0, 2.1 and 2.2 at A and AA, and axe's best practices. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * Every violation axe finds on the page as it stands (or in `include`), as `rule: target` lines, so
 * a failing expectation says what and where. Empty when the page is clean.
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id}: ${node.target.join(" ")} (${node.failureSummary?.split("\n")[1]?.trim() ?? ""})`,
    ),
  );
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
