import { Skeleton } from "@/components/ui/skeleton";

export const historyGridClass = "grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4";

/** Placeholders shaped like the entries, while the first page loads. */
export function HistorySkeleton({ count = 8 }: { count?: number }) {
  return (
    <div className={historyGridClass} data-testid="history-skeleton">
      {Array.from({ length: count }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders that never reorder
        <div key={index} className="flex gap-3 rounded-2xl border border-border bg-surface p-3 sm:flex-col">
          <Skeleton className="aspect-square w-24 shrink-0 self-start rounded-xl sm:w-full" />
          <div className="flex flex-1 flex-col gap-2">
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-3 w-3/4" />
          </div>
        </div>
      ))}
    </div>
  );
}
