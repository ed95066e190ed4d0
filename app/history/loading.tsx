import { HistorySkeleton } from "@/components/history/history-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/** Shown while the server reads the first page, when /history is reached by a link. */
export default function HistoryLoading() {
  return (
    <main id="main" className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 sm:px-6 lg:py-8" aria-busy="true">
      <h1 className="text-2xl font-semibold tracking-tight">History</h1>
      <Skeleton className="h-9 w-full" />
      <HistorySkeleton />
    </main>
  );
}
