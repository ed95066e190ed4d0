import { Skeleton } from "@/components/ui/skeleton";
import { type AspectRatio, PIXEL_SIZES } from "@/lib/domain";
import { galleryGridClass } from "./grid";

/** One placeholder per image to come, shaped like the images will be. */
export function GallerySkeleton({ aspectRatio, count }: { aspectRatio: AspectRatio; count: number }) {
  const { width, height } = PIXEL_SIZES[aspectRatio];
  return (
    <div className={galleryGridClass(width, height, count)}>
      {Array.from({ length: count }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders that never reorder
        <Skeleton key={index} className="w-full" style={{ aspectRatio: `${width} / ${height}` }} />
      ))}
    </div>
  );
}
