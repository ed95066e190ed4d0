import { expect, test } from "@playwright/test";
import { EDIT_PATH, errorEnvelopeSchema } from "@/lib/contract";
import { historyPageSchema } from "@/lib/playground-api";
import { oversized, pngBomb, textAsPng } from "@/testing/images";

const token = () => `bad-input-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Every bad input is a 4xx envelope naming the field, and nothing is stored. */
test.describe("bad edit inputs", () => {
  test("uploads of a text file named .png, a 25 MB file and a 20000×20000 PNG bomb", async ({ request }) => {
    const cases: Array<[string, Buffer, number]> = [
      ["note.png", textAsPng(), 415],
      ["big.png", oversized(), 413],
      ["bomb.png", pngBomb(), 413],
    ];
    for (const [name, buffer, status] of cases) {
      const response = await request.post("/api/v3/media/upload/binary", {
        multipart: { file: { name, mimeType: "image/png", buffer } },
      });
      expect(response.status(), name).toBe(status);
      const envelope = errorEnvelopeSchema.parse(await response.json());
      expect(envelope).toMatchObject({ code: status, data: null, field: "file" });
    }
  });

  test("edits naming the same files inline, a loopback URL and file:///etc/passwd: refused, no run made", async ({ request }) => {
    const prompt = token();
    const cases: Array<[string, number, RegExp]> = [
      [textAsPng().toString("base64"), 415, /not an image|JPEG, PNG/],
      [pngBomb().toString("base64"), 413, /pixels/],
      ["http://127.0.0.1/secret.png", 400, /refused/],
      ["https://127.0.0.1:1/a.png", 400, /refused/],
      ["file:///etc/passwd", 400, /not a file: URL/],
    ];
    for (const [image, status, message] of cases) {
      const response = await request.post(EDIT_PATH, { data: { prompt, image } });
      expect(response.status(), image.slice(0, 40)).toBe(status);
      const envelope = errorEnvelopeSchema.parse(await response.json());
      expect(envelope).toMatchObject({ code: status, data: null, field: "image" });
      expect(envelope.message).toMatch(message);
    }
    const history = historyPageSchema.parse(await (await request.get(`/api/predictions?q=${prompt}`)).json());
    expect(history.items).toEqual([]);
  });
});
