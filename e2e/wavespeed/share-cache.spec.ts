import { type APIRequestContext, expect, test } from "@playwright/test";
import sharp from "sharp";
import { submit, uniqueToken, waitForTerminal } from "./upstream";

const CACHED = "public, s-maxage=60, stale-while-revalidate=86400";

const meta = (html: string, attribute: "property" | "name", key: string) =>
  new RegExp(`<meta ${attribute}="${key.replace(":", "\\:")}" content="([^"]*)"`).exec(html)?.[1]?.replaceAll("&amp;", "&");

async function finished(request: APIRequestContext, prompt: string, extra: Record<string, unknown> = {}) {
  const view = await submit(request, { prompt, ...extra });
  return waitForTerminal(request, view.id);
}

async function expectCard(request: APIRequestContext, url: string) {
  const first = await request.get(url);
  expect(first.status()).toBe(200);
  expect(first.headers()["content-type"]).toBe("image/png");
  expect(await sharp(await first.body()).metadata()).toMatchObject({ width: 1200, height: 630, format: "png" });
  // Drawn once: the second answer comes from the card store, not from drawing again.
  const second = await request.get(url);
  expect(second.headers()["x-kontext-card"]).toBe("stored");
  expect(second.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
}

test.describe("a finished run's share page is rendered once and served to everyone", () => {
  test("cached with CDN headers, answered 304 by ETag, rendered again after a note, a star or a delete", async ({ request }) => {
    const token = uniqueToken("cache");
    const run = await finished(request, `${token} a lighthouse in fog [duration:0]`, { num_images: 2 });
    expect(run.status).toBe("completed");
    const path = `/p/${run.id}`;

    const first = await request.get(path);
    expect(first.headers()["x-nextjs-cache"]).toBe("MISS");
    expect(first.headers()["cache-control"]).toBe(CACHED);
    const second = await request.get(path);
    expect(second.status()).toBe(200);
    expect(second.headers()["cache-control"]).toBe(CACHED);
    // Not rendered again: served from Next's cache (e2e/access/cached-share-page.spec.ts).
    expect(second.headers()["x-nextjs-cache"]).toBe("HIT");
    const etag = second.headers().etag;
    expect(etag).toBeTruthy();
    // The same policy for every viewer: no per-request nonce, inline scripts allowed by their hashes.
    const policy = second.headers()["content-security-policy"] ?? "";
    expect(policy).not.toContain("nonce-");
    expect(policy).toContain("'sha256-");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(second.headers()["x-content-type-options"]).toBe("nosniff");

    const unchanged = await request.get(path, { headers: { "If-None-Match": etag! } });
    expect(unchanged.status()).toBe(304);

    // A note revalidates the run's tag: the next view is rendered again and shows it.
    const note = `${token} noted`;
    expect((await request.patch(`/api/predictions/${run.id}`, { data: { note } })).status()).toBe(200);
    const afterNote = await request.get(path);
    expect(afterNote.headers()["x-nextjs-cache"]).toBe("MISS");
    expect(await afterNote.text()).toContain(note);
    expect((await request.get(path, { headers: { "If-None-Match": etag! } })).status()).toBe(200);

    // So does a star.
    await request.get(path);
    expect((await request.patch(`/api/predictions/${run.id}`, { data: { star: { index: 1, starred: true } } })).status()).toBe(
      200,
    );
    const afterStar = await request.get(path);
    expect(afterStar.headers()["x-nextjs-cache"]).toBe("MISS");

    // A delete answers 404 at once, though the page was cached a moment ago.
    expect((await request.get(path)).status()).toBe(200);
    expect((await request.delete(`/api/predictions/${run.id}`)).status()).toBe(204);
    const gone = await request.get(path);
    expect(gone.status()).toBe(404);
    expect(gone.headers()["cache-control"]).toContain("no-store");
  });

  test("a run still in progress is rendered per request and never cached", async ({ request }) => {
    const view = await submit(request, { prompt: `${uniqueToken("live")} a slow dawn [duration:20000]` });
    const page = await request.get(`/p/${view.id}`);
    expect(page.status()).toBe(200);
    expect(page.headers()["cache-control"]).toContain("no-store");
    expect(page.headers()["cache-control"]).not.toContain("public");
    expect(page.headers()["x-nextjs-cache"]).toBeUndefined();
    expect(page.headers()["content-security-policy"]).toContain("nonce-");
  });

  test("the per-request page of a finished run is that: rendered for the request, never cached", async ({ request }) => {
    const run = await finished(request, `${uniqueToken("route")} a red kite [duration:0]`);
    const live = await request.get(`/p/${run.id}/live`);
    expect(live.status()).toBe(200);
    expect(live.headers()["x-nextjs-cache"]).toBeUndefined();
    expect(live.headers()["cache-control"]).toContain("no-store");
    expect(live.headers()["content-security-policy"]).toContain("nonce-");
  });
});

test.describe("link previews", () => {
  test("a share page: its prompt as title, its parameters as description, a 1200×630 card drawn once", async ({ request }) => {
    const prompt = `${uniqueToken("card")} four paper lanterns over a river [duration:0]`;
    const run = await finished(request, prompt, { num_images: 4, aspect_ratio: "9:21", seed: 4242 });
    const html = await (await request.get(`/p/${run.id}`)).text();
    expect(meta(html, "property", "og:title")).toContain("four paper lanterns");
    const description = meta(html, "name", "description") ?? "";
    expect(description).toContain("FLUX.1 Kontext [pro]");
    expect(description).toContain("seed 4242");
    expect(description).toContain("9:21");
    expect(description).not.toContain("paper lanterns");
    expect(meta(html, "name", "twitter:card")).toBe("summary_large_image");
    expect(meta(html, "property", "og:image:width")).toBe("1200");
    expect(meta(html, "property", "og:image:height")).toBe("630");
    const card = meta(html, "property", "og:image") ?? "";
    expect(card).toMatch(new RegExp(`/api/cards/p/${run.id}\\.png\\?v=`));
    await expectCard(request, card);
  });

  test("a flagged run: a text-only summary card, never its images", async ({ request }) => {
    const run = await finished(request, `${uniqueToken("flag")} a statue [nsfw:1,duration:0]`, { num_images: 2 });
    expect(run.outputs.some((output) => output.nsfw)).toBe(true);
    const html = await (await request.get(`/p/${run.id}`)).text();
    expect(meta(html, "name", "twitter:card")).toBe("summary");
    expect(meta(html, "name", "description")).toContain("flagged");
    const card = meta(html, "property", "og:image") ?? "";
    await expectCard(request, card);
  });

  test("a settings link: the setup as its preview", async ({ request }) => {
    const prompt = `${uniqueToken("setup")} a glass greenhouse at night`;
    const query = new URLSearchParams({ prompt, ar: "16:9", n: "2", seed: "77", g: "5.0" });
    const html = await (await request.get(`/?${query}`)).text();
    expect(meta(html, "property", "og:title")).toContain("a glass greenhouse at night");
    const description = meta(html, "name", "description") ?? "";
    expect(description).toContain("16:9");
    expect(description).toContain("seed 77");
    expect(description).not.toContain("greenhouse");
    // A picture card (the shape of what the setup makes), not words squeezed into a small square.
    expect(meta(html, "name", "twitter:card")).toBe("summary_large_image");
    await expectCard(request, meta(html, "property", "og:image") ?? "");
  });
});
