import type { Browser, Locator, Page } from "@playwright/test";

/** A point inside an element, as fractions of its box. */
export async function pointIn(locator: Locator, fx: number, fy = 0.5) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not on screen");
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

/** A mouse drag from one point to another, in steps, as a hand would. */
export async function mouseDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

type TouchPoint = { x: number; y: number; id?: number };

/**
 * Real touch input through Chromium's DevTools protocol (the page needs a context with `hasTouch`):
 * fingers go down at `from`, move to `to` in steps, and lift. Several fingers: a pinch.
 */
export async function touchGesture(page: Page, from: TouchPoint[], to: TouchPoint[], steps = 8) {
  const cdp = await page.context().newCDPSession(page);
  const at = (t: number) =>
    from.map((start, index) => ({
      x: start.x + (to[index].x - start.x) * t,
      y: start.y + (to[index].y - start.y) * t,
      id: index,
    }));
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(0) });
  for (let step = 1; step <= steps; step++)
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: at(step / steps) });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

/** A phone: 375 × 812, touch, in the project's own server. */
export const phoneContext = (browser: Browser, baseURL: string | undefined) =>
  browser.newContext({ baseURL, viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
