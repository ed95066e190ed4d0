import type { BrowserContext, ConsoleMessage } from "@playwright/test";

/**
 * Collects every Content-Security-Policy violation in a browser context: the
 * `securitypolicyviolation` events of its pages and the console lines Chromium writes for them.
 */
export async function watchCsp(context: BrowserContext) {
  const violations: string[] = [];
  await context.exposeBinding("__reportCspViolation", (_source, text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`);
    });
  });
  const onConsole = (message: ConsoleMessage) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  };
  context.on("page", (page) => page.on("console", onConsole));
  return violations;
}
