import type { Metadata } from "next";
import { headers } from "next/headers";
import { cache } from "react";
import { CompareView } from "@/components/compare/compare-view";
import { DiffTable } from "@/components/compare/diff-table";
import { PlaygroundLink } from "@/components/ui/playground-link";
import { getServices } from "@/lib/composition-root";
import { shortId } from "@/lib/domain";
import { requestBaseUrl } from "@/lib/http/base-url";
import { compareMetadata } from "@/lib/pages/metadata";
import { toView } from "@/lib/predictions/wire/views";
import { type CompareItem, type CompareRef, compareQuery, parseCompareRefs } from "@/lib/view/compare";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const refsOf = (params: Record<string, string | string[] | undefined>) => {
  const raw = params.i;
  return parseCompareRefs(Array.isArray(raw) ? raw : raw ? [raw] : []);
};

/** The images asked for, as views; a run or image that is gone is listed apart. Read once per request. */
const load = cache(async (key: string) => {
  const refs = parseCompareRefs(new URLSearchParams(key).getAll("i"));
  const baseUrl = requestBaseUrl(await headers());
  const items: CompareItem[] = [];
  const gone: CompareRef[] = [];
  for (const ref of refs) {
    const record = await getServices().predictions.find(ref.id);
    const view = record && toView(record, baseUrl);
    const output = view?.outputs.find((candidate) => candidate.index === ref.index);
    if (view && output) items.push({ view, output });
    else gone.push(ref);
  }
  return { items, gone, baseUrl, shareUrl: `${baseUrl}/compare?${key}` };
});

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { items, shareUrl, baseUrl } = await load(compareQuery(refsOf(await searchParams)));
  return compareMetadata(items, shareUrl, baseUrl);
}

export default async function ComparePage({ searchParams }: Props) {
  const { items, gone, shareUrl } = await load(compareQuery(refsOf(await searchParams)));
  return (
    <main
      id="main"
      // The room left for the images below the header, the title and the controls: fit mode keeps them on one screen.
      className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-4 [--compare-fit-h:calc(100svh-16rem)] sm:px-6 lg:py-5"
    >
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <nav className="text-sm">
          <PlaygroundLink />
        </nav>
        <h1 className="text-2xl font-semibold tracking-tight">Compare</h1>
      </div>
      {gone.length > 0 && (
        <p role="status" className="rounded-xl border border-border bg-muted/50 px-4 py-2 text-sm" data-testid="compare-gone">
          No longer here: {gone.map((ref) => `${shortId(ref.id)} image ${ref.index + 1}`).join(", ")}.
        </p>
      )}
      {items.length < 2 ? (
        <div
          className="flex flex-col items-start gap-2 rounded-2xl border border-dashed border-border p-8"
          data-testid="compare-empty"
        >
          <p className="font-medium">Pick 2 to 4 images to compare</p>
          <p className="text-sm text-fg-muted">
            Use the compare button on any image (in the playground, the lightbox, history or a sweep); the tray at the bottom then
            opens the compare.
          </p>
        </div>
      ) : (
        <>
          <CompareView items={items} shareUrl={shareUrl} />
          <DiffTable items={items} />
        </>
      )}
    </main>
  );
}
