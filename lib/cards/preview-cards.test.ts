import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiskBlobStore } from "../storage/disk-blob-store";
import type { CardImage } from "./card-spec";
import { type CardRun, predictionCard } from "./card-spec";
import { PreviewCards } from "./preview-cards";

const run = (nsfw: boolean[]): CardRun => ({
  id: "run1",
  engine: "local",
  input: {
    model: "pro",
    prompt: "a tall lighthouse",
    aspect_ratio: "9:21",
    num_images: nsfw.length,
    seed: 5,
    guidance_scale: 3.5,
    safety_tolerance: "2",
  },
  outputs: nsfw.map((flagged, index) => ({ index, width: 672, height: 1568, nsfw: flagged })),
});

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cards-"));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

// A plain red portrait picture for every output, counting how often one is asked for.
function reader() {
  const reads: CardImage[] = [];
  const read = async (image: CardImage) => {
    reads.push(image);
    return sharp({ create: { width: 84, height: 196, channels: 3, background: "#d00000" } })
      .png()
      .toBuffer();
  };
  return { reads, read };
}

describe("predictionCard", () => {
  it("shows up to four outputs and the parameters, never the prompt twice", () => {
    const spec = predictionCard(run([false, false, false, false]));
    expect(spec.images).toHaveLength(4);
    expect(spec.heading).toBe("a tall lighthouse");
    expect(spec.facts.join(" ")).not.toContain("lighthouse");
    expect(spec.facts.join(" ")).toContain("seed 5");
  });

  it("leaves every image out of a flagged run's card, and says why", () => {
    const spec = predictionCard(run([false, true]));
    expect(spec.images).toEqual([]);
    expect(spec.note).toMatch(/flagged/);
  });
});

describe("PreviewCards", () => {
  it("draws a 1200×630 PNG once, stores it under its run, and serves it from the store after", async () => {
    const { reads, read } = reader();
    const cards = new PreviewCards(new DiskBlobStore(dir), read);
    const spec = predictionCard(run([false, false]));
    const first = await cards.card(spec, "run1");
    expect(first.drawn).toBe(true);
    expect(await sharp(first.png).metadata()).toMatchObject({ width: 1200, height: 630, format: "png" });
    expect(reads).toHaveLength(2);

    // A new instance (a restart) finds it on disk.
    const again = await new PreviewCards(new DiskBlobStore(dir), read).card(spec, "run1");
    expect(again).toMatchObject({ drawn: false, key: first.key });
    expect(again.png.equals(first.png)).toBe(true);
    expect(reads).toHaveLength(2);
  });

  it("shares one drawing between requests that arrive together", async () => {
    const { reads, read } = reader();
    const cards = new PreviewCards(new DiskBlobStore(dir), read);
    const spec = predictionCard(run([false]));
    const answers = await Promise.all([cards.card(spec, "run1"), cards.card(spec, "run1"), cards.card(spec, "run1")]);
    expect(answers.filter((answer) => answer.drawn)).toHaveLength(1);
    expect(reads).toHaveLength(1);
  });

  it("letterboxes a tall image: the red picture keeps its shape inside the collage", async () => {
    const { read } = reader();
    const card = await new PreviewCards(new DiskBlobStore(dir), read).card(predictionCard(run([false])), "run1");
    const { data, info } = await sharp(card.png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let top = info.height;
    let bottom = -1;
    let left = info.width;
    let right = -1;
    for (let y = 0; y < info.height; y++)
      for (let x = 0; x < info.width; x++) {
        const at = (y * info.width + x) * 3;
        if (data[at]! > 180 && data[at + 1]! < 60 && data[at + 2]! < 60) {
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
          left = Math.min(left, x);
          right = Math.max(right, x);
        }
      }
    const ratio = (bottom - top + 1) / (right - left + 1);
    expect(ratio).toBeGreaterThan(2.1);
    expect(ratio).toBeLessThan(2.6);
  });
});
