import { randomBytes } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { expect, test } from "@playwright/test";
import yauzl from "yauzl";
import { ZipFile } from "yazl";
import { errorEnvelopeSchema } from "@/lib/contract";
import { predictionViewSchema } from "@/lib/playground-api";
import { waitForTerminal } from "../wavespeed/upstream";

async function zipOf(entries: Record<string, string | Buffer>): Promise<Buffer> {
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
    // Said in words, not the zip library's message.
    const { message } = errorEnvelopeSchema.parse(await response.json());
    expect(message).toMatch(/^The file is not a zip, or it is cut short/);
    expect(message).not.toMatch(/central directory/i);
  });

  test("a post from another site, or a body that is not a zip", async ({ request }) => {
    const zip = await zipOf({ "manifest.json": "{}" });
    expect((await send(request, zip, { "sec-fetch-site": "cross-site" })).status()).toBe(403);
    expect((await send(request, zip, { origin: "https://elsewhere.example" })).status()).toBe(403);
    expect((await request.post("/api/import", { data: { not: "a zip" } })).status()).toBe(415);
    expect((await send(request, Buffer.alloc(0))).status()).toBe(400);
  });
});

test("two imports of the same run at once: one adds it with its images, the other skips it", async ({ request }) => {
  test.setTimeout(120_000);
  const created = predictionViewSchema.parse(
    await (await request.post("/api/predictions", { data: { prompt: "a quay at dawn" } })).json(),
  );
  const run = await waitForTerminal(request, created.id);
  const exported = await (await request.get(`/api/export?scope=thread&thread=${run.id}`)).body();
  // The same run under an id this server has never seen, so both imports find it absent.
  const fresh = randomBytes(16).toString("hex");
  const entries = await unzip(exported);
  const renamed = Object.fromEntries(
    Object.entries(entries).map(([name, bytes]) => [
      name.replaceAll(run.id, fresh),
      name === "manifest.json" ? Buffer.from(bytes.toString("utf8").replaceAll(run.id, fresh)) : bytes,
    ]),
  );
  const zip = await zipOf(renamed);
  const answers = await Promise.all([send(request, zip), send(request, zip)]);
  const results = await Promise.all(answers.map(async (answer) => ({ status: answer.status(), body: await answer.json() })));
  expect(results.map((result) => result.status)).toEqual([200, 200]);
  expect(results.map((result) => result.body.predictions).sort((a, b) => a.imported - b.imported)).toEqual([
    { imported: 0, skipped: 1 },
    { imported: 1, skipped: 0 },
  ]);
  const original = new URL(run.outputs[0]!.url).pathname;
  const image = await request.get(original.replaceAll(run.id, fresh));
  expect(image.status()).toBe(200);
  expect(Buffer.from(await image.body()).equals(Buffer.from(await (await request.get(original)).body()))).toBe(true);
});

/** Every entry of a zip, by name. */
async function unzip(zip: Buffer): Promise<Record<string, Buffer>> {
  const opened = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const entries: Record<string, Buffer> = {};
  await new Promise<void>((resolve, reject) => {
    opened.on("entry", (entry: yauzl.Entry) =>
      opened.openReadStream(entry, async (error, stream) => {
        if (error) return reject(error);
        entries[entry.fileName] = await buffer(stream);
        opened.readEntry();
      }),
    );
    opened.on("end", () => resolve());
    opened.readEntry();
  });
  return entries;
}
