import fs from "node:fs";
import { renderImage } from "./lib/engines/local/render";

const base = {
  prompt: "a red fox in a meadow by a lake at noon",
  aspect_ratio: "1:1" as const,
  num_images: 1,
  seed: 7,
  guidance_scale: 3.5,
  safety_tolerance: "2" as const,
};
(async () => {
  const src = await renderImage(base, 0);
  fs.writeFileSync("/tmp/edit16/src.jpg", src);
  const edit = (prompt: string, seed = 1, guidance = 3.5) => ({
    ...base,
    prompt,
    seed,
    guidance_scale: guidance,
    edit: { kind: "edit" as const, matchInput: true, images: [] },
  });
  for (let i = 0; i < 3; i++) await renderImage(edit("make it night"), 0, [src]);
  for (const [name, p] of [
    ["night", "make it night"],
    ["sunset", "at sunset"],
    ["rain", "add rain"],
    ["snow", "make it snowy winter"],
    ["fog", "foggy morning"],
    ["blue", "make the fox blue"],
    ["sketch", "pencil sketch"],
    ["sepia", "old photo sepia"],
    ["pixel", "pixel art"],
    ["poster", "pop art comic"],
    ["plain", "put a hat on it"],
    ["storm", "a storm"],
    ["mono", "black and white"],
    ["paint", "watercolor painting"],
  ] as const) {
    const t = performance.now();
    const out = await renderImage(edit(p), 0, [src]);
    const ms = performance.now() - t;
    fs.writeFileSync(`/tmp/edit16/${name}.jpg`, out);
    console.log(name, Math.round(ms), "ms", out.length);
  }
  const multi = { ...edit("at sunset"), edit: { kind: "multi" as const, matchInput: true, images: [] } };
  fs.writeFileSync(
    "/tmp/edit16/multi.jpg",
    await renderImage(multi, 0, [src, fs.readFileSync("/tmp/edit16/night.jpg"), fs.readFileSync("/tmp/edit16/sketch.jpg")]),
  );
})();
