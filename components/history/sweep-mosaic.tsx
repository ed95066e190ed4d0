import { Skeleton } from "@/components/ui/skeleton";
import type { SweepEntryCell, SweepEntryView } from "@/lib/playground-api";
import { imageSrcSet } from "@/lib/view/image-sizes";

/** Beyond this many columns or rows the mosaic shows the grid's first corner and says how much more there is. */
const MAX_SIDE = 8;

/**
 * A sweep's grid in small tiles: each position's newest run, its image once it has one. Decorative
 * to assistive technology (the entry's link and progress say what it is); flagged images stay blurred.
 */
export function SweepMosaic({ entry }: { entry: SweepEntryView }) {
  const columns = Math.min(entry.columns, MAX_SIDE);
  const rows = Math.min(entry.rows, MAX_SIDE);
  const at = new Map(entry.cells.map((cell) => [`${cell.x}:${cell.y}`, cell]));
  const hidden = entry.columns * entry.rows - columns * rows;
  return (
    // Tiles of at most 6rem: a small grid stays small, a big one fills the entry's width.
    <div className="relative w-full" style={{ maxWidth: `${columns * 6}rem` }} aria-hidden="true">
      <div
        className="grid gap-px overflow-hidden rounded-xl bg-border"
        style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
        data-testid="sweep-mosaic"
      >
        {Array.from({ length: rows * columns }, (_, index) => {
          const x = index % columns;
          const y = Math.floor(index / columns);
          return <Tile key={`${x}:${y}`} cell={at.get(`${x}:${y}`)} />;
        })}
      </div>
      {hidden > 0 && (
        <span className="absolute right-1.5 bottom-1.5 rounded-full bg-surface/90 px-2 py-0.5 text-xs font-medium text-fg shadow">
          +{hidden} more
        </span>
      )}
    </div>
  );
}

function Tile({ cell }: { cell: SweepEntryCell | undefined }) {
  if (cell?.status === "completed" && cell.thumbUrl)
    return (
      <img
        src={cell.thumbUrl}
        // The tiles are small: the browser picks the copy that fits their width.
        srcSet={imageSrcSet({ thumbUrl: cell.thumbUrl, width: cell.width })}
        sizes="auto"
        loading="lazy"
        decoding="async"
        alt=""
        data-testid="sweep-tile"
        className={`aspect-square size-full bg-muted object-cover ${cell.nsfw ? "blur-md" : ""}`}
      />
    );
  if (cell?.status === "failed") return <span className="aspect-square bg-danger/15" data-testid="sweep-tile-failed" />;
  return <Skeleton className="aspect-square rounded-none" />;
}
