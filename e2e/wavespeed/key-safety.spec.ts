import fs from "node:fs";
import path from "node:path";
import { type APIResponse, expect, test } from "@playwright/test";
import { predictionEnvelopeSchema } from "@/lib/contract";
import { completionHeard, sampleEvents } from "@/testing/event-stream";
import { waitUntilHydrated } from "../pages/hydrated";
import { FAKE_API_KEY, SUBMIT_PATH, submit, uniqueToken, upstreamCalls, WEBHOOK_PATH, waitForTerminal } from "./upstream";

/** The key lives in the server's memory and in upstream requests, nowhere else. */
const INPUT_FIELDS = ["aspect_ratio", "guidance_scale", "num_images", "prompt", "safety_tolerance", "seed"];

const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });

test.describe("the WaveSpeed key", () => {
  test("appears in no API answer, event, page or error", async ({ request, page, baseURL }) => {
    test.setTimeout(120_000);
    const token = uniqueToken("leak");
    const seen: string[] = [];
    const read = async (response: APIResponse) => {
      expect(response.ok(), response.url()).toBe(true);
      const text = await response.text();
      seen.push(text);
      return text;
    };

    let id = "";
    const events = await sampleEvents(
      baseURL!,
      async () => {
        id = JSON.parse(
          await read(await request.post("/api/predictions", { data: { prompt: `${token} ok [duration:500]` } })),
        ).id;
        await waitForTerminal(request, id);
      },
      (text) => completionHeard(text, id),
    );
    expect(events).toContain(id);
    seen.push(events);

    const servedAnswer = await request.post(SUBMIT_PATH, { data: { prompt: `${token} served [duration:0]` } });
    const served = predictionEnvelopeSchema.parse(JSON.parse(await read(servedAnswer)));
    await waitForTerminal(request, served.data.id);
    await read(await request.get(served.data.urls.get));

    // Failures whose messages are built from the upstream's answers.
    for (const directive of ["[fail:1403,duration:0]", "[moderate,duration:0]", "[malformed-submit]"]) {
      const failed = await waitForTerminal(request, (await submit(request, { prompt: `${token} ${directive}` })).id);
      expect(failed.status).toBe("failed");
      expect(failed.error).not.toBe("");
      seen.push(JSON.stringify(failed));
    }

    for (const url of [
      `/api/predictions/${id}`,
      "/api/predictions?limit=50",
      `/api/predictions?q=${token}`,
      "/api/health",
      "/",
      `/p/${id}`,
    ]) {
      await read(await request.get(url));
    }
    await page.goto("/");
    // Hydrated, history loaded: whatever the page will ever show of the server's data is in.
    await waitUntilHydrated(page);
    seen.push(await page.content());
    await page.goto(`/p/${id}`);
    await expect(page.getByText(token).first()).toBeVisible({ timeout: 45_000 });
    seen.push(await page.content());

    expect(seen.join("\n")).toContain(token);
    for (const text of seen) expect(text).not.toContain(FAKE_API_KEY);
  });

  test("is not in any file the browser can download", () => {
    const files = filesUnder(path.join(process.cwd(), ".next", "static"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(fs.readFileSync(file).toString("latin1"), file).not.toContain(FAKE_API_KEY);
  });

  test("the browser cannot pick the upstream, the key or the webhook", async ({ request, baseURL }) => {
    const token = uniqueToken("steer");
    const extras = {
      base_url: "http://127.0.0.1:9/evil",
      baseUrl: "http://127.0.0.1:9/evil",
      api_key: "attacker-key-1234567890",
      webhook: "http://127.0.0.1:9/steal",
      webhookUrl: "http://127.0.0.1:9/steal",
      enable_sync_mode: true,
    };
    const own = await submit(request, { prompt: `${token} own [duration:0]`, ...extras });
    // A `webhook` query is the served contract's own option (our webhook to the client, never the upstream's):
    // to a loopback address it is refused, and nothing is sent upstream.
    const steered = await request.post(`${SUBMIT_PATH}?webhook=${encodeURIComponent(extras.webhook)}`, {
      headers: { Authorization: `Bearer ${extras.api_key}` },
      data: { prompt: `${token} steered [duration:0]`, ...extras },
    });
    expect(steered.status()).toBe(400);
    expect(await steered.json()).toMatchObject({ code: 400, field: "webhook" });
    // A webhook in the body is refused, pointing to the query parameter, rather than dropped.
    const inBody = await request.post(SUBMIT_PATH, {
      headers: { Authorization: `Bearer ${extras.api_key}` },
      data: { prompt: `${token} in the body [duration:0]`, ...extras },
    });
    expect(inBody.status()).toBe(400);
    expect(await inBody.json()).toMatchObject({ field: "webhook", message: expect.stringContaining("?webhook=") });
    const { webhook: _webhook, ...servedExtras } = extras;
    const served = await request.post(SUBMIT_PATH, {
      headers: { Authorization: `Bearer ${extras.api_key}` },
      data: { prompt: `${token} served [duration:0]`, ...servedExtras },
    });
    expect(served.status()).toBe(200);
    const servedId = predictionEnvelopeSchema.parse(await served.json()).data.id;
    for (const id of [own.id, servedId]) expect((await waitForTerminal(request, id)).status).toBe("completed");

    const { submits } = await upstreamCalls(token);
    expect(submits).toHaveLength(2);
    for (const call of submits) {
      expect(call.headers.authorization).toBe(`Bearer ${FAKE_API_KEY}`);
      expect(call.query).toEqual({ webhook: `${baseURL}${WEBHOOK_PATH}` });
      expect(Object.keys(call.body as object).sort()).toEqual(INPUT_FIELDS);
    }
  });
});
