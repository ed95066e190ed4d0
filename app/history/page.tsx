import type { Metadata } from "next";
import { headers } from "next/headers";
import { Suspense } from "react";
import { HistorySkeleton } from "@/components/history/history-skeleton";
import { HistoryView } from "@/components/history/history-view";
import { filtersFromRecord, HISTORY_PAGE_SIZE } from "@/lib/client/history-filters";
import { requestBaseUrl } from "@/lib/http/base-url";
import { getEngineInfo } from "@/lib/predictions/engine-info";
import { readHistoryPage } from "@/lib/predictions/read";

export const metadata: Metadata = { title: "History" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The first page is read here, so it paints without a round trip; the rest is the browser's. */
export default async function HistoryPage({ searchParams }: Props) {
  const filters = filtersFromRecord(await searchParams);
  const page = readHistoryPage({ limit: HISTORY_PAGE_SIZE, ...filters }, requestBaseUrl(await headers()));

  return (
    <main id="main" className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 sm:px-6 lg:py-8">
      {/* useSearchParams asks for a Suspense boundary. */}
      <Suspense fallback={<HistorySkeleton />}>
        <HistoryView initial={{ filters, page }} engine={getEngineInfo().engine} />
      </Suspense>
    </main>
  );
}
