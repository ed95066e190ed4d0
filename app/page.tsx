import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { connection } from "next/server";
import { Suspense } from "react";
import { LightboxProvider } from "@/components/gallery/lightbox-context";
import { QueryProvider } from "@/components/layout/query-provider";
import { EngineBanner } from "@/components/playground/engine-banner";
import { Playground } from "@/components/playground/playground";
import { PlaygroundSkeleton } from "@/components/playground/playground-skeleton";
import { SettingsLinkForGuest } from "@/components/share/settings-link-guest";
import { StorageWarning } from "@/components/storage/storage-panel";
import { callerFrom } from "@/lib/access/caller";
import { getServices } from "@/lib/composition-root";
import { requestBaseUrl } from "@/lib/http/base-url";
import { settingsMetadata } from "@/lib/pages/metadata";
import { EARLIER_PAGE_SIZE } from "@/lib/playground-api";
import { DENSITY_COOKIE, densityOf } from "@/lib/playground-names";
import { toHistoryPage } from "@/lib/predictions/wire/views";
import { valuesFromQuery } from "@/lib/view/form-values";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A settings link (`/?prompt=…`, as "Make your own" and the README's "share a setup" build) previews the setup it carries. */
const queryOf = (params: Awaited<Props["searchParams"]>) => {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(name, one);
  return query;
};

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return settingsMetadata(valuesFromQuery(queryOf(await searchParams)), requestBaseUrl(await headers())) ?? {};
}

export default async function HomePage({ searchParams }: Props) {
  // Rendered per request: the engine depends on the environment at run time, not at build time.
  await connection();
  const { predictions, sweeps, access, storage } = getServices();
  // The policy lets a guest reach a settings link (`/?prompt=…`) for its preview; they see the setup, never the playground.
  if (access.signInRequired && !callerFrom(await headers())) {
    const query = queryOf(await searchParams);
    return <SettingsLinkForGuest values={valuesFromQuery(query)} returnTo={`/?${query}`} />;
  }
  const engine = predictions.engineInfo();
  // Earlier runs come with the HTML, so their images load alongside the scripts.
  const history = toHistoryPage(
    await predictions.history({ limit: EARLIER_PAGE_SIZE, collapseSweeps: true }),
    requestBaseUrl(await headers()),
  );

  const density = densityOf((await cookies()).get(DENSITY_COOKIE)?.value);
  const storageView = await storage.view();

  return (
    <main id="main" className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 sm:px-6 lg:py-8">
      <h1 className="sr-only">Kontext Playground</h1>
      {/* Where new runs are made: a full disk refuses them, so the owner hears of it here first. */}
      <StorageWarning view={storageView} panelHref="/history#storage-heading" />
      {/* useSearchParams needs a Suspense boundary; the skeleton keeps the layout from jumping. */}
      <Suspense fallback={<PlaygroundSkeleton />}>
        <QueryProvider>
          <LightboxProvider>
            <Playground
              engine={engine.engine}
              initialHistory={history}
              initialDensity={density}
              sweepMaxCells={sweeps.maxCells}
              notice={<EngineBanner engine={engine.engine} model={engine.model} />}
            />
          </LightboxProvider>
        </QueryProvider>
      </Suspense>
    </main>
  );
}
