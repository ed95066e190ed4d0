import { describe, expect, it } from "vitest";
import { SAFETY_TOLERANCES } from "@/lib/domain";
import { isFlagged, promptSeverity } from "./safety";

describe("promptSeverity", () => {
  it("is 0 for a harmless prompt", () => {
    expect(promptSeverity("a red airship over a teal sea at sunset")).toBe(0);
  });

  it("takes the worst listed word, in any case and with simple inflections", () => {
    expect(promptSeverity("Two people KISSING on a bridge")).toBe(1);
    expect(promptSeverity("a knight killed in battle")).toBe(2);
    expect(promptSeverity("gore and blood")).toBe(3);
    expect(promptSeverity("naked statue, nsfw")).toBe(5);
  });

  it("matches whole words only", () => {
    // "skill" contains "kill", "nudge" starts like "nude"; neither is flagged.
    expect(promptSeverity("a skillful painter gives a nudge")).toBe(0);
  });
});

describe("isFlagged", () => {
  // Worst severity of each prompt: 0, 1, 2, 3, 4, 5.
  const prompts = ["a quiet harbour", "a bikini on a beach", "lingerie ad", "topless", "a nude figure", "explicit"];

  it.each(SAFETY_TOLERANCES)("tolerance %s flags exactly the prompts at or above it", (tolerance) => {
    const flagged = prompts.map((p) => isFlagged(p, tolerance));
    expect(flagged).toEqual(prompts.map((_, severity) => severity >= Number(tolerance)));
  });

  it("never flags a harmless prompt, even at the strictest tolerance", () => {
    expect(isFlagged("mountains at night with stars", "1")).toBe(false);
  });

  it("flags the most explicit words even at the most permissive tolerance", () => {
    expect(isFlagged("porn", "5")).toBe(true);
    expect(isFlagged("a nude figure", "5")).toBe(false);
  });
});
