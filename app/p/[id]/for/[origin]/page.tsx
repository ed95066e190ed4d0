import type { Metadata } from "next";
import { unstable_cache } from "next/cache";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SharePageBody } from "@/components/share/share-page-body";
import { getServices } from "@/lib/composition-root";
import { shareMetadata } from "@/lib/pages/metadata";
import { loadSharePage } from "@/lib/pages/share-page-data";
import { baseUrlFromSegment, predictionTag, SHARE_PAGE_REVALIDATE_S } from "@/lib/pages/share-pages";

type Props = { params: Promise<{ id: string; origin: string }> };

/**
 * A finished run's share page, rendered on its first view and then served from Next's cache to
 * every viewer (incremental static regeneration). The proxy rewrites `/p/{id}` here; a delete, a
 * star or a note revalidates the run's tag (lib/pages/page-revalidator.ts).
 */
export const revalidate = 60;
export const dynamicParams = true;
// None at build time: each page is rendered on its first view, by the server holding the runs.
export const generateStaticParams = () => [];

const load = cache(async (id: string, origin: string) => {
  const baseUrl = baseUrlFromSegment(origin);
  if (!baseUrl) return undefined;
  // The segment names the run's edition too: a change through another instance is a new key here.
  const tagged = unstable_cache(() => loadSharePage(getServices().predictions, id, baseUrl), ["share-page", id, origin], {
    tags: [predictionTag(id)],
    revalidate: SHARE_PAGE_REVALIDATE_S,
  });
  const data = await tagged();
  return data && { baseUrl, data };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, origin } = await params;
  const loaded = await load(decodeURIComponent(id), origin);
  return loaded ? shareMetadata(loaded.data.view, loaded.baseUrl) : { title: "Not found" };
}

export default async function CachedSharePage({ params }: Props) {
  const { id, origin } = await params;
  const loaded = await load(decodeURIComponent(id), origin);
  if (!loaded) notFound();
  return <SharePageBody data={loaded.data} />;
}
