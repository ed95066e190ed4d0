import { describe, expect, it } from "vitest";
import { ASPECT_RATIOS, DEFAULTS, MAX_PROMPT_CHARS, PIXEL_SIZES } from "@/lib/domain";
import { describeIssues, editRequestSchema, multiRequestSchema, predictionRequestSchema, requestKindOf } from "./contract";

const parse = (body: unknown) => predictionRequestSchema.safeParse(body);

function rejects(body: unknown, field: string, words: RegExp) {
  const result = parse(body);
  expect(result.success).toBe(false);
  if (result.success) return;
  const { message, field: named } = describeIssues(result.error);
  expect(named).toBe(field);
  expect(message).toContain(field);
  expect(message).toMatch(words);
}

describe("predictionRequestSchema", () => {
  it("applies every default from the contract", () => {
    const result = parse({ prompt: "a lighthouse" });
    expect(result.success && result.data).toEqual({ prompt: "a lighthouse", ...DEFAULTS });
  });

  it("keeps the documented test vector as it is", () => {
    const vector = {
      prompt: "A grand steampunk airship",
      aspect_ratio: "1:1",
      num_images: 1,
      guidance_scale: 3.5,
      safety_tolerance: "2",
    };
    expect(parse(vector).data).toEqual(vector);
  });

  it("ignores unknown fields", () => {
    expect(parse({ prompt: "x", enable_base64_output: true, extra: 1 }).data).not.toHaveProperty("extra");
  });

  it("requires a prompt with something visible in it: zero-width and blank characters alone do not count", () => {
    for (const prompt of ["\u200b\u200c\u200d", "\ufeff\u2060", "\u3164", "\u2800\u2800", " \u200b \u00ad "]) {
      rejects({ prompt }, "prompt", /at least one visible character/);
    }
    for (const prompt of ["\u200ba\u200b", "🙂", "北京", "?"]) expect(parse({ prompt }).success).toBe(true);
  });

  it(`takes prompts up to ${MAX_PROMPT_CHARS} characters, the most the model reads, and names the limit past it`, () => {
    expect(parse({ prompt: "a".repeat(MAX_PROMPT_CHARS) }).success).toBe(true);
    // Counted as a person counts: one emoji is one character, though two UTF-16 units.
    expect(parse({ prompt: "🙂".repeat(MAX_PROMPT_CHARS) }).success).toBe(true);
    rejects({ prompt: "a".repeat(MAX_PROMPT_CHARS + 1) }, "prompt", new RegExp(`at most ${MAX_PROMPT_CHARS} characters`));
  });

  it("requires a non-empty prompt", () => {
    rejects({}, "prompt", /non-empty text/);
    rejects({ prompt: "   " }, "prompt", /non-empty text/);
    rejects({ prompt: 42 }, "prompt", /non-empty text/);
  });

  it("accepts every aspect ratio and nothing else", () => {
    for (const ratio of ASPECT_RATIOS) expect(parse({ prompt: "x", aspect_ratio: ratio }).success).toBe(true);
    rejects({ prompt: "x", aspect_ratio: "5:4" }, "aspect_ratio", /one of 21:9/);
  });

  it("bounds num_images to integers 1..4", () => {
    for (const n of [1, 2, 3, 4]) expect(parse({ prompt: "x", num_images: n }).success).toBe(true);
    for (const n of [0, 5, 2.5, "2"]) rejects({ prompt: "x", num_images: n }, "num_images", /integer from 1 to 4/);
  });

  it("bounds seed to -1..2147483647, integers only, null meaning random", () => {
    for (const seed of [-1, 0, 42, 2147483647, null]) expect(parse({ prompt: "x", seed }).success).toBe(true);
    for (const seed of [-2, 2147483648, 1.5, "7"]) rejects({ prompt: "x", seed }, "seed", /-1 to 2147483647/);
  });

  it("bounds guidance_scale to 1.0..10.0", () => {
    for (const g of [1, 1.05, 3.5, 10]) expect(parse({ prompt: "x", guidance_scale: g }).success).toBe(true);
    for (const g of [0.99, 10.01, "3.5", null]) rejects({ prompt: "x", guidance_scale: g }, "guidance_scale", /1\.0 to 10\.0/);
  });

  it("takes safety_tolerance as the strings 1..5", () => {
    for (const s of ["1", "2", "3", "4", "5"]) expect(parse({ prompt: "x", safety_tolerance: s }).success).toBe(true);
    for (const s of ["0", "6", 2, ""]) rejects({ prompt: "x", safety_tolerance: s }, "safety_tolerance", /"1".*"5"/);
  });

  it("lists a ~1 MP size for every ratio, matching its shape", () => {
    for (const ratio of ASPECT_RATIOS) {
      const { width, height } = PIXEL_SIZES[ratio];
      const [w, h] = ratio.split(":").map(Number);
      expect(Math.abs(width / height - w / h)).toBeLessThan(0.1);
      expect(width * height).toBeGreaterThan(0.95e6);
      expect(width * height).toBeLessThan(1.1e6);
    }
  });
});

describe("the edit and multi schemas", () => {
  const edit = (body: object) => editRequestSchema.safeParse({ prompt: "make it night", image: "https://x.test/a.png", ...body });
  const fieldOf = (result: { success: true } | { success: false; error: Parameters<typeof describeIssues>[0] }) =>
    result.success ? undefined : describeIssues(result.error).field;

  it("take an instruction and an image; without aspect_ratio the output keeps the input's shape", () => {
    const parsed = edit({});
    expect(parsed.success && parsed.data).toEqual({
      prompt: "make it night",
      image: "https://x.test/a.png",
      guidance_scale: 3.5,
      safety_tolerance: "2",
    });
    expect(fieldOf(editRequestSchema.safeParse({ prompt: "x" }))).toBe("image");
    expect(fieldOf(edit({ image: "" }))).toBe("image");
    expect(fieldOf(edit({ prompt: " " }))).toBe("prompt");
  });

  it("accept guidance up to 20, the wider of the ranges WaveSpeed's pages give, and nothing past it", () => {
    expect(edit({ guidance_scale: 20 }).success).toBe(true);
    expect(edit({ guidance_scale: 15 }).success).toBe(true);
    const refused = edit({ guidance_scale: 20.5 });
    expect(fieldOf(refused)).toBe("guidance_scale");
    expect(refused.success || describeIssues(refused.error).message).toContain("1.0 to 20.0");
  });

  it("take 2 to 4 images for multi", () => {
    const multi = (images: string[]) => multiRequestSchema.safeParse({ prompt: "together", images });
    expect(multi(["a", "b"]).success).toBe(true);
    expect(multi(["a", "b", "c", "d"]).success).toBe(true);
    for (const images of [["a"], ["a", "b", "c", "d", "e"]]) {
      const refused = multi(images);
      expect(fieldOf(refused)).toBe("images");
      expect(refused.success || describeIssues(refused.error).message).toContain("2 to 4 images");
    }
  });

  it("tell the kind of a request by its fields, as the playground's own API does", () => {
    expect(requestKindOf({ prompt: "x" })).toBe("text");
    expect(requestKindOf({ prompt: "x", image: "a" })).toBe("edit");
    expect(requestKindOf({ prompt: "x", images: ["a", "b"] })).toBe("multi");
  });
});
