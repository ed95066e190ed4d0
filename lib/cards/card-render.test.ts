import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { drawCard } from "./card-render";
import { type CardSpec, settingsCard } from "./card-spec";

const red = () =>
  sharp({ create: { width: 512, height: 512, channels: 3, background: "#d00000" } })
    .png()
    .toBuffer();

async function pixel(png: Buffer, x: number, y: number) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at], data[at + 1], data[at + 2]];
}
const isRed = ([r, g, b]: number[]) => r > 180 && g < 60 && b < 60;
/** The card's own background (#15151c): where no picture or picture tile is. */
const isBackground = ([r, g, b]: number[]) => r === 0x15 && g === 0x15 && b === 0x1c;

describe("drawCard", () => {
  it("fills the picture side with three square images, no corner left empty, none against the card's edge", async () => {
    const spec: CardSpec = {
      heading: "three",
      facts: [],
      images: [0, 1, 2].map((index) => ({ id: "run", index, width: 512, height: 512 })),
    };
    const card = await drawCard(spec, red);
    // The four quarters of the picture side (0–660 × 0–630) each hold a picture's tile.
    for (const [x, y] of [
      [165, 157],
      [495, 157],
      [165, 472],
      [495, 472],
    ])
      expect(isBackground(await pixel(card, x, y)), `${x},${y}`).toBe(false);
    // Every picture is drawn, and the edges are the card's, not a picture's.
    expect(isRed(await pixel(card, 165, 315)) || isRed(await pixel(card, 495, 315))).toBe(true);
    for (const [x, y] of [
      [4, 4],
      [4, 625],
      [330, 2],
    ])
      expect(isBackground(await pixel(card, x, y)), `${x},${y}`).toBe(true);
  });

  it("draws a settings link's card as a picture: the shape of the image it would make", async () => {
    const spec = settingsCard({ prompt: "a kite", aspect_ratio: "16:9" });
    expect(spec.frame).toEqual({ width: 1392, height: 752 });
    const card = await drawCard(spec, async () => undefined);
    const [r, g, b] = await pixel(card, 330, 315);
    // Not the plain background: the frame's fill is there.
    expect([r, g, b]).not.toEqual([0x15, 0x15, 0x1c]);
  });
});
