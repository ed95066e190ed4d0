import { expect, test } from "@playwright/test";
import { predictionEnvelopeSchema, SUBMIT_PATH } from "@/lib/contract";
import { historyPageSchema, predictionViewSchema } from "@/lib/playground-api";
import { postAndHangUp } from "@/testing/raw-http";
import { waitUntilHydrated } from "../pages/hydrated";

const unique = (text: string) => `${text} ${test.info().testId}-${Date.now().toString(36)}`;

test.describe("Idempotency-Key", () => {
  for (const [route, read] of [
    ["/api/predictions", (json: unknown) => predictionViewSchema.parse(json).id],
    [SUBMIT_PATH, (json: unknown) => predictionEnvelopeSchema.parse(json).data.id],
  ] as const) {
    test(`a retry of a submit whose answer was lost gets the prediction it made: ${route}`, async ({ baseURL, request }) => {
      const prompt = unique("a paper boat on a puddle");
      const key = `retry-${test.info().testId}-${Date.now()}`;
      await postAndHangUp(Number(new URL(baseURL!).port), route, { prompt }, { "Idempotency-Key": key });
      // The lost answer's prediction exists: the request arrived and was stored.
      const history = async () =>
        historyPageSchema.parse(await (await request.get(`/api/predictions?q=${encodeURIComponent(prompt)}`)).json()).items;
      await expect.poll(async () => (await history()).length).toBe(1);
      const [made] = await history();

      for (let retry = 0; retry < 2; retry++) {
        const retried = await request.post(route, { data: { prompt }, headers: { "Idempotency-Key": key } });
        expect(retried.ok()).toBe(true);
        expect(read(await retried.json())).toBe(made.id);
      }
      expect((await history()).map((item) => item.id)).toEqual([made.id]);

      const reused = await request.post(route, { data: { prompt: `${prompt}, changed` }, headers: { "Idempotency-Key": key } });
      expect(reused.status()).toBe(422);
      expect(await reused.json()).toMatchObject({ code: 422, error_code: "idempotency_key_reused", field: "Idempotency-Key" });
    });
  }

  test("the playground's form sends a new key with each click", async ({ page }) => {
    const keys: string[] = [];
    page.on("request", (sent) => {
      if (sent.method() === "POST" && new URL(sent.url()).pathname === "/api/predictions")
        keys.push(sent.headers()["idempotency-key"]);
    });
    await page.goto("/");
    // Before hydration Generate is a plain form submit, with no key.
    await waitUntilHydrated(page);
    await page.getByLabel("Prompt", { exact: true }).fill(unique("a red kite over a beach"));
    const generate = page.getByRole("button", { name: "Generate" });
    await generate.click();
    await generate.click();
    await expect.poll(() => keys.length).toBe(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).not.toBe(keys[0]);
  });
});
