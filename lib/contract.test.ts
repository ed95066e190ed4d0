import { describe, expect, it } from "vitest";
import { ASPECT_RATIOS, DEFAULTS, MAX_PROMPT_CHARS, PIXEL_SIZES } from "@/lib/domain";
import { describeIssues, predictionRequestSchema } from "./contract";

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
