import type { CSSProperties } from "react";
import type { OutputView } from "@/lib/playground-api";

export type CompareFrame = { frameClassName: string; frameStyle: CSSProperties; actualSize: boolean };

/**
 * The frame an image of a compare is drawn in. Fit: as wide as its column allows but never taller
 * than the screen's room for it (`--compare-fit-h`, set by the page), so every image and the controls
 * are seen at once. 100%: one image pixel to one CSS pixel, scrolled inside its pane.
 */
export function frameOf(output: Pick<OutputView, "width" | "height">, fit: boolean): CompareFrame {
  const ratio = `${output.width} / ${output.height}`;
  if (!fit)
    return {
      frameClassName: "max-w-none shrink-0",
      frameStyle: { aspectRatio: ratio, width: `${output.width}px` },
      actualSize: true,
    };
  return {
    frameClassName: "w-full",
    frameStyle: { aspectRatio: ratio, maxWidth: `calc(var(--compare-fit-h, 70svh) * ${output.width} / ${output.height})` },
    actualSize: false,
  };
}
