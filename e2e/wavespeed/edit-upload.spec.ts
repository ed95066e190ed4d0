import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { solid } from "@/testing/images";
import { FAKE_URL, submit, uniqueToken, waitForTerminal } from "./upstream";

type FakeUpload = { url: string; sha256: string; size: number };
const uploadsOf = async (sha256: string) =>
  ((await (await fetch(`${FAKE_URL}/__uploads`)).json()) as FakeUpload[]).filter((upload) => upload.sha256 === sha256);
const control = (settings: Record<string, unknown>) =>
  fetch(`${FAKE_URL}/__control`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(settings),
  });

/** A picture no other test has: its hash names its uploads at the fake. */
async function freshPng() {
  const colour = `#${Math.floor(Math.random() * 0xffffff)
    .toString(16)
    .padStart(6, "0")}`;
  const bytes = await solid(320, 240, colour).png().toBuffer();
  return {
    bytes,
    dataUri: `data:image/png;base64,${bytes.toString("base64")}`,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

test.describe("edits on the WaveSpeed engine", () => {
  test("upload first with the owner's key, send the URL the upstream issued, and upload a picture once across a chain", async ({
    request,
  }) => {
    const token = uniqueToken("edit-chain");
    const picture = await freshPng();

    const first = await submit(request, { prompt: `${token} make it night`, image: picture.dataUri });
    expect((await waitForTerminal(request, first.id)).status).toBe("completed");
    const [upload] = await uploadsOf(picture.sha256);
    expect(upload).toBeDefined();

    // Step 2 edits step 1's output (which WaveSpeed itself made); step 3 edits the original picture again (a branch).
    const firstDone = await waitForTerminal(request, first.id);
    const second = await submit(request, {
      prompt: `${token} add snow`,
      image: new URL(firstDone.outputs[0].url).pathname,
      parent: { id: first.id, kind: "edit" },
    });
    expect((await waitForTerminal(request, second.id)).status).toBe("completed");
    const third = await submit(request, { prompt: `${token} as a pencil sketch`, image: picture.dataUri });
    expect((await waitForTerminal(request, third.id)).status).toBe("completed");

    expect(await uploadsOf(picture.sha256)).toHaveLength(1);
    const requests = (await (await fetch(`${FAKE_URL}/__requests?prompt=${token}`)).json()) as Array<{
      path: string;
      images?: string[];
    }>;
    const edits = requests.filter((r) => r.path === "/api/v3/wavespeed-ai/flux-kontext-pro");
    expect(edits).toHaveLength(3);
    // Every image URL sent upstream is one the fake issued: the upload (twice), then its own output.
    expect(edits.map((r) => r.images)).toEqual([[upload.url], [expect.stringMatching(`^${FAKE_URL}/outputs/`)], [upload.url]]);
  });

  test("an upstream upload failure fails the run honestly and sends nothing further", async ({ request }) => {
    const token = uniqueToken("edit-upload-fails");
    const picture = await freshPng();
    await control({ uploadFailures: 1_000 });
    try {
      const run = await submit(request, { prompt: `${token} make it night`, image: picture.dataUri });
      const done = await waitForTerminal(request, run.id, 60_000);
      expect(done.status).toBe("failed");
      expect(done.error).toContain("Uploading the input image to WaveSpeed failed");
    } finally {
      await control({ uploadFailures: 0 });
    }
    const requests = (await (await fetch(`${FAKE_URL}/__requests?prompt=${token}`)).json()) as unknown[];
    expect(requests).toEqual([]);
    expect(await uploadsOf(picture.sha256)).toEqual([]);
  });
});
