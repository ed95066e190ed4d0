/**
 * Widths of the WebP copies an output is served in besides its original (`/api/thumbs/{id}/{n}.webp`
 * is 384; the others add `.w{width}`). Each is twice the one before, so some copy is always within
 * twice the width an image is shown at: a browser given all of them in a `srcset` never loads more.
 */
export const THUMB_WIDTHS = [48, 96, 192, 384, 768] as const;
export type ThumbWidth = (typeof THUMB_WIDTHS)[number];
const DEFAULT_WIDTH: ThumbWidth = 384;

export const isThumbWidth = (width: number): width is ThumbWidth => (THUMB_WIDTHS as readonly number[]).includes(width);

/** The URL of one width, from the default thumbnail's. */
export const thumbAt = (thumbUrl: string, width: ThumbWidth) =>
  width === DEFAULT_WIDTH ? thumbUrl : thumbUrl.replace(/\.webp(?=$|\?)/, `.w${width}.webp`);

/**
 * A `srcset` of every copy narrower than the original, then the original itself (`url`, at its own
 * width) for places that show it larger: a share page, the lightbox. Without `url`, thumbnails only.
 */
export function imageSrcSet(image: { thumbUrl: string; width: number; url?: string }): string {
  const copies = THUMB_WIDTHS.filter((width) => width < image.width).map(
    (width) => `${thumbAt(image.thumbUrl, width)} ${width}w`,
  );
  return [...copies, ...(image.url ? [`${image.url} ${image.width}w`] : [])].join(", ");
}
