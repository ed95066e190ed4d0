import { expect, test } from "@playwright/test";
import { predictionEnvelopeSchema, SUBMIT_PATH } from "@/lib/contract";
import { predictionViewSchema } from "@/lib/playground-api";
import { FAKE_API_KEY } from "@/testing/ports";
import { seriousAxeViolations } from "./pages/axe";
import { PlaygroundPage } from "./pages/playground-page";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const unique = (text: string) => `${text} ${test.info().testId}-${Date.now().toString(36)}`;

/** The URL and JSON body of the first (submit) command of a curl snippet, as the shell would pass them. */
function parseCurl(snippet: string): { url: string; body: unknown; authorization: string } {
  const submit = snippet.split("\n# then")[0] ?? "";
  const url = submit.match(/--request POST "([^"]+)"/)?.[1];
  const authorization = submit.match(/--header "Authorization: ([^"]+)"/)?.[1];
  const quoted = submit.match(/--data-raw ('[\s\S]*')\s*$/)?.[1];
  if (!url || !authorization || !quoted) throw new Error(`not a curl submit:\n${submit}`);
  // Single-quoted shell text, with each ' written as '"'"'.
  const body = JSON.parse(quoted.slice(1, -1).replaceAll(`'"'"'`, "'"));
  return { url, body, authorization };
}

test.describe("API snippets", () => {
  test("follow the form in curl, JavaScript and Python, for WaveSpeed or this server, and the copied curl runs here", async ({
    page,
    request,
    baseURL,
  }) => {
    const playground = new PlaygroundPage(page);
    await playground.goto();
    const prompt = unique("A balloon over the dunes at dawn");
    await playground.fill({ prompt, aspectRatio: "3:2", seed: "1234" });

    await page.getByRole("button", { name: "API snippets" }).click();
    const panel = page.getByRole("region", { name: "API snippets" });
    const code = panel.getByTestId("snippet-code");
    const tab = (name: string) => panel.getByRole("tab", { name, exact: true });
    await expect(tab("curl")).toHaveAttribute("aria-selected", "true");
    await expect(code).toContainText(`curl --location --request POST "https://api.wavespeed.ai${SUBMIT_PATH}"`);
    await expect(code).toContainText(`"prompt": "${prompt}"`);
    await expect(code).toContainText(`"aspect_ratio": "3:2"`);
    await expect(code).toContainText(`"seed": 1234`);

    // Live: every edit of the form shows at once.
    const edited = unique("A red airship above the city at night");
    await playground.prompt.fill(edited);
    await playground.seed.fill("99");
    await playground.aspectRatio("9:16").check();
    await playground.numberOfImages(2).check();
    await expect(code).toContainText(`"prompt": "${edited}"`);
    await expect(code).toContainText(`"seed": 99`);
    await expect(code).toContainText(`"aspect_ratio": "9:16"`);
    await expect(code).toContainText(`"num_images": 2`);
    await playground.seed.fill("");
    await expect(code).not.toContainText(`"seed"`);
    await playground.seed.fill("99");

    // Tabs, by keyboard: arrows move and select, wrapping at the ends; Home and End jump.
    await tab("curl").focus();
    await page.keyboard.press("ArrowRight");
    await expect(tab("JavaScript")).toBeFocused();
    await expect(tab("JavaScript")).toHaveAttribute("aria-selected", "true");
    await expect(tab("curl")).toHaveAttribute("aria-selected", "false");
    await expect(panel.getByRole("tabpanel", { name: "JavaScript" })).toBeVisible();
    await expect(code).toContainText(`await fetch("https://api.wavespeed.ai${SUBMIT_PATH}"`);
    await expect(code).toContainText("process.env.WAVESPEED_API_KEY");
    await page.keyboard.press("ArrowRight");
    await expect(tab("Python")).toBeFocused();
    await expect(code).toContainText(`requests.post("https://api.wavespeed.ai${SUBMIT_PATH}"`);
    await expect(code).toContainText(`"prompt": "${edited}"`);
    await expect(code).toContainText("os.environ['WAVESPEED_API_KEY']");
    await page.keyboard.press("ArrowRight");
    await expect(tab("curl")).toBeFocused();
    await page.keyboard.press("End");
    await expect(tab("Python")).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Home");
    await expect(tab("curl")).toHaveAttribute("aria-selected", "true");
    await expect(tab("curl")).toHaveAttribute("tabindex", "0");
    await expect(tab("Python")).toHaveAttribute("tabindex", "-1");

    // This server instead of WaveSpeed: only the host changes, and the key stays a placeholder.
    await panel.getByRole("radio", { name: "This server" }).check();
    await expect(code).toContainText(`curl --location --request POST "${baseURL}${SUBMIT_PATH}"`);
    await expect(code).not.toContainText("api.wavespeed.ai");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell variable the snippet carries, as text
    await expect(code).toContainText("Bearer ${WAVESPEED_API_KEY}");
    await expect(code).not.toContainText(FAKE_API_KEY);
    await tab("Python").click();
    await expect(code).toContainText(`requests.post("${baseURL}${SUBMIT_PATH}"`);
    await tab("curl").click();

    await panel.getByRole("button", { name: "Copy code" }).click();
    await expect(panel.getByRole("status").filter({ hasText: "Copy code: copied" })).toBeAttached();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    await expect(code).toHaveText(copied);

    const { url, body, authorization } = parseCurl(copied);
    expect(url).toBe(`${baseURL}${SUBMIT_PATH}`);
    expect(body).toEqual({
      prompt: edited,
      aspect_ratio: "9:16",
      num_images: 2,
      seed: 99,
      guidance_scale: 3.5,
      safety_tolerance: "2",
    });
    const submitted = await request.post(url, {
      headers: { "Content-Type": "application/json", Authorization: authorization },
      data: body,
    });
    expect(submitted.status()).toBe(200);
    const envelope = predictionEnvelopeSchema.parse(await submitted.json());
    expect(envelope).toMatchObject({ code: 200, message: "success", data: { status: "created" } });

    const created = predictionViewSchema.parse(await (await request.get(`/api/predictions/${envelope.data.id}`)).json());
    expect(created.input).toMatchObject({ prompt: edited, aspect_ratio: "9:16", num_images: 2, seed: 99 });
  });

  test("an empty prompt shows a placeholder and says so", async ({ page }) => {
    const playground = new PlaygroundPage(page);
    await playground.goto();
    await page.getByRole("button", { name: "API snippets" }).click();
    const panel = page.getByRole("region", { name: "API snippets" });
    await expect(panel.getByTestId("snippet-code")).toContainText(`"prompt": "Describe the image you want"`);
    await expect(panel).toContainText("stand-in for the form's prompt");

    await page.getByRole("button", { name: "API snippets" }).click();
    await expect(panel).toBeHidden();
    await expect(page.getByRole("button", { name: "API snippets" })).toHaveAttribute("aria-expanded", "false");
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`the open panel has no serious accessibility violations (${colorScheme})`, async ({ page }) => {
      // axe reads every node of the page: on a busy 2-core machine it can take most of a minute.
      test.slow();
      await page.emulateMedia({ colorScheme });
      const playground = new PlaygroundPage(page);
      await playground.goto();
      await playground.fill({ prompt: unique("Accessible snippets"), seed: "5" });
      await page.getByRole("button", { name: "API snippets" }).click();
      const panel = page.getByRole("region", { name: "API snippets" });
      await panel.getByRole("radio", { name: "This server" }).check();
      await expect(panel.getByTestId("snippet-code")).toContainText('"seed": 5');
      expect(await seriousAxeViolations(page, '[aria-label="API snippets"][role="region"]')).toEqual([]);
    });
  }
});
