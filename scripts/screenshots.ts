/**
 * Regenerates the README's screenshots in docs/screenshots/:
 *
 *   npm run build && npm run screenshots
 *
 * Starts the built app on loopback with the local engine and an empty data
 * folder, makes a few pictures, and photographs the playground (desktop), a
 * share page, and the playground on a phone in dark mode. Options, from the
 * environment: NEXT_DIST_DIR (which build, default .next), SCREENSHOTS_PORT
 * (default 3290), CHROMIUM_PATH (default /usr/bin/chromium when it exists).
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type Browser, type BrowserContextOptions, chromium, expect, type Locator, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../testing/chromium";
import { type ServerProcess, startPlayground } from "../testing/server-process";

const ROOT = path.resolve(__dirname, "..");
const OUT_DIR = path.join(ROOT, "docs/screenshots");
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
const PORT = Number(process.env.SCREENSHOTS_PORT || 3290);

/** Earlier runs, so the history under the fresh one is not empty. Fixed seeds keep the pictures stable. */
const HISTORY = [
  { prompt: "Snowy mountains under a starry sky with a crescent moon", aspect_ratio: "3:2", num_images: 2, seed: 5101 },
  { prompt: "Hot air balloons drifting over desert dunes at dawn", aspect_ratio: "16:9", num_images: 2, seed: 3303 },
];
const HERO = { prompt: "A red airship above a coastal city at sunset, gulls in a golden sky", seed: "1207" };
const SHARED = {
  prompt: "Misty mountains above a quiet lake at dawn, pine forest on the shore",
  aspect_ratio: "2:3",
  num_images: 2,
  seed: 808,
};
const MOBILE = { prompt: "A sailboat on a moonlit lake by a pine forest, stars over the hills", seed: "4242" };

async function main() {
  if (!fs.existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) {
    throw new Error(`No build in ${DIST_DIR}/: run \`npm run build\` first (or set NEXT_DIST_DIR to an existing build).`);
  }
  await assertPortFree(PORT);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kontext-screenshots-"));
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  try {
    // Neutral settings: a developer's key or public URL must not leak into the pictures.
    server = await startPlayground({
      port: PORT,
      env: { KONTEXT_ENGINE: "local", DATA_DIR: dataDir, NEXT_DIST_DIR: DIST_DIR, WAVESPEED_API_KEY: "", PUBLIC_URL: "" },
    });
    const base = server.url;
    for (const body of HISTORY) await submitAndWait(base, body);
    const shared = await submitAndWait(base, SHARED);

    browser = await launchChromium();
    fs.mkdirSync(OUT_DIR, { recursive: true });

    const desktop = await newPage(browser, base, { viewport: { width: 1280, height: 800 }, colorScheme: "light" });
    await generate(desktop, { ...HERO, aspectRatio: "16:9", images: 4 });
    await save(desktop, "playground.png");

    await desktop.goto(`/p/${shared.id}`);
    await waitForImages(desktop.getByTestId("result-image"), SHARED.num_images);
    await save(desktop, "share.png");

    await desktop.goto("/history");
    const thumbs = desktop.getByTestId("history-thumb");
    await expect(thumbs.first()).toBeVisible();
    await waitForImages(thumbs, await thumbs.count());
    await save(desktop, "history.png");

    const phone = await newPage(browser, base, {
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      colorScheme: "dark",
    });
    await generate(phone, { ...MOBILE, aspectRatio: "1:1", images: 1 });
    // On a phone the form sits above the results: start the picture at Generate, just under the sticky header.
    await phone.getByRole("button", { name: "Generate", exact: true }).evaluate((button) => {
      const header = document.querySelector("header")?.getBoundingClientRect().bottom ?? 0;
      window.scrollBy(0, button.getBoundingClientRect().top - header - 16);
    });
    await save(phone, "playground-dark-mobile.png");

    // A recipient on a phone: the prompt, the first image and the parameters on the first screen.
    await phone.goto(`/p/${shared.id}`);
    await expect(phone.getByTestId("seed-value")).toBeVisible();
    await waitForImages(phone.getByTestId("result-image").first(), 1);
    await save(phone, "share-mobile.png");
  } finally {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function submitAndWait(base: string, body: Record<string, unknown>): Promise<{ id: string }> {
  const response = await fetch(`${base}/api/predictions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`submit answered ${response.status}: ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  await expect
    .poll(async () => ((await (await fetch(`${base}/api/predictions/${id}`)).json()) as { status: string }).status, {
      timeout: 60_000,
    })
    .toBe("completed");
  return { id };
}

function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

async function newPage(browser: Browser, baseURL: string, options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext({ baseURL, reducedMotion: "reduce", ...options });
  return context.newPage();
}

/** Fills the form as a person would, generates, and waits until every image has loaded. */
async function generate(page: Page, settings: { prompt: string; seed: string; aspectRatio: string; images: number }) {
  await page.goto("/");
  await expect(page.locator('form[data-ready="true"]')).toBeVisible();
  await page.getByLabel("Prompt", { exact: true }).fill(settings.prompt);
  await page
    .getByRole("radiogroup", { name: "Aspect ratio" })
    .getByRole("radio", { name: settings.aspectRatio, exact: true })
    .check();
  await page
    .getByRole("radiogroup", { name: "Number of images" })
    .getByRole("radio", { name: String(settings.images), exact: true })
    .check();
  await page.getByLabel("Seed", { exact: true }).fill(settings.seed);
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const run = page.getByTestId("session-runs").getByTestId("run-card").first();
  await expect(run.getByTestId("run-status")).toHaveText("completed", { timeout: 60_000 });
  await waitForImages(run.getByTestId("result-image"), settings.images);
  await expect(page.getByRole("heading", { name: "Earlier" })).toBeVisible();
}

async function waitForImages(images: Locator, count: number) {
  await expect(images).toHaveCount(count);
  for (const image of await images.all()) {
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() =>
        image.evaluate((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0),
      )
      .toBe(true);
  }
  await images.first().evaluate(() => window.scrollTo(0, 0));
}

/** No focus ring, hover state or caret in the picture. */
async function save(page: Page, name: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  const file = path.join(OUT_DIR, name);
  await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

async function assertPortFree(port: number) {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () => reject(new Error(`port ${port} on 127.0.0.1 is busy: set SCREENSHOTS_PORT to a free one`)));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
