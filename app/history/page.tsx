import type { Metadata } from "next";
import { headers } from "next/headers";
import { Suspense } from "react";
import { HistorySkeleton } from "@/components/history/history-skeleton";
import { HistoryView } from "@/components/history/history-view";
import { QueryProvider } from "@/components/layout/query-provider";
import { getServices } from "@/lib/composition-root";
import { requestBaseUrl } from "@/lib/http/base-url";
import { toHistoryPage } from "@/lib/predictions/wire/views";
import { filtersFromRecord, HISTORY_PAGE_SIZE, historyQueryOf } from "@/lib/view/history-filters";

export const metadata: Metadata = { title: "History" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The first page is read here, so it paints without a round trip; the rest is the browser's. */
export default async function HistoryPage({ searchParams }: Props) {
  const filters = filtersFromRecord(await searchParams);
  const { predictions } = getServices();
  const history = await predictions.history({ limit: HISTORY_PAGE_SIZE, ...historyQueryOf(filters) });
  const page = toHistoryPage(history, requestBaseUrl(await headers()));

  return (
    <main id="main" className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 sm:px-6 lg:py-8">
      {/* useSearchParams asks for a Suspense boundary. */}
      <Suspense fallback={<HistorySkeleton />}>
        {/* History's thumbnails open share pages, not the lightbox. */}
        <QueryProvider>
          <HistoryView initial={{ filters, page }} engine={predictions.engineInfo().engine} />
        </QueryProvider>
      </Suspense>
    </main>
  );
}
