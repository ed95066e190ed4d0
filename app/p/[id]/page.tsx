import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SharePageBody } from "@/components/share/share-page-body";
import { getServices } from "@/lib/composition-root";
import { requestBaseUrl } from "@/lib/http/base-url";
import { shareMetadata } from "@/lib/pages/metadata";
import { loadSharePage } from "@/lib/pages/share-page-data";

type Props = { params: Promise<{ id: string }> };

/**
 * A share page rendered per request: a run still in progress (it changes by itself). A finished
 * run's page is served from the cache instead (`for/[origin]`, reached through the proxy).
 */
const load = cache(async (id: string) => {
  const baseUrl = requestBaseUrl(await headers());
  return { baseUrl, data: await loadSharePage(getServices().predictions, id, baseUrl) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { baseUrl, data } = await load((await params).id);
  return data ? shareMetadata(data.view, baseUrl) : { title: "Not found" };
}

export default async function SharePage({ params }: Props) {
  const { data } = await load((await params).id);
  if (!data) notFound();
  return <SharePageBody data={data} />;
}
