import { describe, expect, it } from "vitest";
import { imageSrcSet, isThumbWidth, THUMB_WIDTHS, thumbAt } from "./image-sizes";

describe("image sizes", () => {
  const thumbUrl = "http://x/api/thumbs/abc/0.webp";

  it("names each width's copy beside the default thumbnail", () => {
    expect(thumbAt(thumbUrl, 384)).toBe(thumbUrl);
    expect(thumbAt(thumbUrl, 96)).toBe("http://x/api/thumbs/abc/0.w96.webp");
    expect(isThumbWidth(96)).toBe(true);
    expect(isThumbWidth(100)).toBe(false);
  });

  it("offers every copy narrower than the original, then the original", () => {
    expect(imageSrcSet({ thumbUrl, width: 1024, url: "http://x/o.png" })).toBe(
      [...THUMB_WIDTHS.map((width) => `${thumbAt(thumbUrl, width)} ${width}w`), "http://x/o.png 1024w"].join(", "),
    );
    expect(imageSrcSet({ thumbUrl, width: 300 })).toBe(
      "http://x/api/thumbs/abc/0.w48.webp 48w, http://x/api/thumbs/abc/0.w96.webp 96w, http://x/api/thumbs/abc/0.w192.webp 192w",
    );
  });
});
