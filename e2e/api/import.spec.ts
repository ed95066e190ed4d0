import { buffer } from "node:stream/consumers";
import { expect, test } from "@playwright/test";
import { ZipFile } from "yazl";
import { errorEnvelopeSchema } from "@/lib/contract";

async function zipOf(entries: Record<string, string>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  return buffer(zip.outputStream as unknown as import("node:stream").Readable);
}

const send = (request: import("@playwright/test").APIRequestContext, data: Buffer, headers: Record<string, string> = {}) =>
  request.post("/api/import", { data, headers: { "content-type": "application/zip", ...headers } });

test.describe("POST /api/import refuses what it cannot trust, with a 400 that names the problem", () => {
  test("an entry that climbs out of its folder (zip-slip)", async ({ request }) => {
    // yazl will not write such a name, so it is patched into a valid zip in place.
    const zip = await zipOf({ "xx/escape.txt": "boo", "manifest.json": "{}" });
    const slip = Buffer.from(zip.toString("latin1").replaceAll("xx/escape.txt", "../escape.txt"), "latin1");
    const response = await send(request, slip);
    expect(response.status()).toBe(400);
    const body = errorEnvelopeSchema.parse(await response.json());
    expect(body).toMatchObject({ error_code: "invalid_request", field: "file" });
    expect(body.message).toContain("outside its folder");
    expect(body.message).toContain("Nothing was imported.");
  });

  test("a manifest that is not an export's", async ({ request }) => {
    const response = await send(
      request,
      await zipOf({ "manifest.json": JSON.stringify({ format: "something-else", version: 1 }) }),
    );
    expect(response.status()).toBe(400);
    expect(errorEnvelopeSchema.parse(await response.json()).message).toMatch(
      /manifest\.json is not a valid export manifest: format/,
    );
  });

  test("a truncated zip", async ({ request }) => {
    const whole = await zipOf({ "manifest.json": "{}", "images/a/0.png": "x".repeat(5000) });
    const response = await send(request, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(response.status()).toBe(400);
    expect(errorEnvelopeSchema.parse(await response.json()).message).toMatch(/not a readable zip/);
  });

  test("a post from another site, or a body that is not a zip", async ({ request }) => {
    const zip = await zipOf({ "manifest.json": "{}" });
    expect((await send(request, zip, { "sec-fetch-site": "cross-site" })).status()).toBe(403);
    expect((await send(request, zip, { origin: "https://elsewhere.example" })).status()).toBe(403);
    expect((await request.post("/api/import", { data: { not: "a zip" } })).status()).toBe(415);
    expect((await send(request, Buffer.alloc(0))).status()).toBe(400);
  });
});
