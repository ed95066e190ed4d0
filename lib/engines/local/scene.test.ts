import { describe, expect, it } from "vitest";
import { NAMED_COLORS } from "./color";
import { createRng } from "./prng";
import { describeScene } from "./scene";

const scene = (prompt: string, seed = 1) => describeScene(prompt, createRng(seed));

describe("describeScene", () => {
  it("picks elements and the time of day from the prompt's words", () => {
    const s = scene("Snowy mountains and a frozen lake under the stars at midnight");
    expect(s.time).toBe("night");
    for (const f of ["snow", "mountains", "sea", "stars", "moon"] as const) expect(s.features.has(f)).toBe(true);
    expect(s.features.has("sun")).toBe(false);
  });

  it("gives a colour to the element it is named with, without reading it as a time", () => {
    const s = scene("a golden airship over a teal ocean at night");
    expect(s.colors).toMatchObject({ airship: NAMED_COLORS.golden, sea: NAMED_COLORS.teal });
    expect(s.time).toBe("night");
  });

  it("tints the sky with a colour named on its own", () => {
    const plain = scene("hills at noon");
    const violet = scene("hills at noon, all violet");
    expect(violet.palette.skyMid).not.toBe(plain.palette.skyMid);
    expect(violet.palette.accent).toBe(NAMED_COLORS.violet);
  });

  it("always has some land or water, even for a prompt it cannot read", () => {
    for (let seed = 0; seed < 20; seed++) {
      const s = scene("a cat wearing a hat", seed);
      expect(["sea", "mountains", "hills", "forest"].some((f) => s.features.has(f as "sea"))).toBe(true);
    }
  });

  it("puts a boat on water", () => {
    expect(scene("a small sailboat").features.has("sea")).toBe(true);
  });
});
