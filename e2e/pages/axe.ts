import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** Every violation axe finds for WCAG 2.2 A/AA and its best practices, whatever its impact, as `rule: nodes`. */
export const axeViolations = async (page: Page) =>
  (
    await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze()
  ).violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
