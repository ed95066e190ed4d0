import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SharePageBody } from "@/components/share/share-page-body";
import { getServices } from "@/lib/composition-root";
import { shareMetadata } from "@/lib/pages/metadata";
import { loadSharePage } from "@/lib/pages/share-page-data";

type Props = { params: Promise<{ id: string }> };

/**
 * A share page's metadata and body, with links built on the base URL `baseUrl` gives: the site's
 * own for the cached page (`page.tsx`), the request's for the one rendered per request (`live/`).
 */
export function sharePage(baseUrl: () => Promise<string>) {
  const load = cache(async (id: string) => {
    const base = await baseUrl();
    return { base, data: await loadSharePage(getServices().predictions, id, base) };
  });
  return {
    async generateMetadata({ params }: Props): Promise<Metadata> {
      const { base, data } = await load((await params).id);
      return data ? shareMetadata(data.view, base) : { title: "Not found" };
    },
    async SharePage({ params }: Props) {
      const { data } = await load((await params).id);
      if (!data) notFound();
      return <SharePageBody data={data} />;
    },
  };
}
