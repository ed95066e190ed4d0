import { headers } from "next/headers";
import { connection } from "next/server";
import { Suspense } from "react";
import { EngineBanner } from "@/components/playground/engine-banner";
import { Playground } from "@/components/playground/playground";
import { PlaygroundSkeleton } from "@/components/playground/playground-skeleton";
import { getServices } from "@/lib/composition-root";
import { requestBaseUrl } from "@/lib/http/base-url";
import { EARLIER_PAGE_SIZE } from "@/lib/playground-api";
import { toHistoryPage } from "@/lib/predictions/views";

export default async function HomePage() {
  // Rendered per request: the engine depends on the environment at run time, not at build time.
  await connection();
  const { predictions, sweeps } = getServices();
  const engine = predictions.engineInfo();
  // Earlier runs come with the HTML, so their images load alongside the scripts.
  const history = toHistoryPage(await predictions.history({ limit: EARLIER_PAGE_SIZE }), requestBaseUrl(await headers()));

  return (
    <main id="main" className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 sm:px-6 lg:py-8">
      <h1 className="sr-only">Kontext Playground</h1>
      <EngineBanner engine={engine.engine} model={engine.model} />
      {/* useSearchParams needs a Suspense boundary; the skeleton keeps the layout from jumping. */}
      <Suspense fallback={<PlaygroundSkeleton />}>
        <Playground engine={engine.engine} initialHistory={history} sweepMaxCells={sweeps.maxCells} />
      </Suspense>
    </main>
  );
}
