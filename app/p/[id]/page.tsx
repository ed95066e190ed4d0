import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { OwnerOnly } from "@/components/access/owner-only";
import { BeforeAfter } from "@/components/edit/before-after";
import { Filmstrip } from "@/components/edit/filmstrip";
import { GallerySkeleton } from "@/components/gallery/gallery-skeleton";
import { LiveGallery } from "@/components/gallery/live-gallery";
import { FamilyPanel } from "@/components/lineage/family-panel";
import { ShareDetails } from "@/components/share/share-details";
import { ShareRefresher } from "@/components/share/share-refresher";
import { ChevronIcon } from "@/components/ui/icons";
import { getServices } from "@/lib/composition-root";
import { ENGINE_LABELS } from "@/lib/domain";
import { requestBaseUrl } from "@/lib/http/base-url";
import { toView } from "@/lib/predictions/views";

type Props = { params: Promise<{ id: string }> };

// Metadata and page ask for the same prediction in one request; read it once.
const loadView = cache(async (id: string) => {
  const record = await getServices().predictions.find(id);
  return record && toView(record, requestBaseUrl(await headers()));
});

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = await loadView((await params).id);
  if (!view) return { title: "Not found" };
  const title = shorten(view.input.prompt, 70);
  const description = `${ENGINE_LABELS[view.engine]} · ${view.input.aspect_ratio} · seed ${view.input.seed} · ${shorten(view.input.prompt, 140)}`;
  // A flagged image never becomes a link preview.
  const image = view.outputs.find((output) => !output.nsfw);
  return {
    title,
    description,
    alternates: { canonical: view.shareUrl },
    openGraph: {
      type: "article",
      siteName: "Kontext Playground",
      url: view.shareUrl,
      title,
      description,
      images: image ? [{ url: image.url, width: image.width, height: image.height, alt: title }] : [],
    },
    twitter: { card: "summary_large_image", title, description, images: image ? [image.url] : [] },
  };
}

export default async function SharePage({ params }: Props) {
  const { id } = await params;
  const view = await loadView(id);
  if (!view) notFound();
  const baseUrl = requestBaseUrl(await headers());
  const family = await getServices().predictions.family(id);
  const familyView = {
    ancestors: family.ancestors.map((ancestor) => ({
      id: ancestor.id,
      view: ancestor.record && toView(ancestor.record, baseUrl),
    })),
    children: family.children.map((child) => toView(child, baseUrl)),
  };
  // The chain that led here, and the edits made from it.
  const chainViews = [
    ...familyView.ancestors.flatMap((ancestor) => (ancestor.view ? [ancestor.view] : [])),
    view,
    ...familyView.children,
  ];

  return (
    <main id="main" className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6 lg:py-8">
      {/* Rendered the same for every viewer; the way back to the playground appears for its owner. */}
      <OwnerOnly>
        <nav className="flex items-center justify-between gap-4 text-sm">
          <Link href="/" className="inline-flex items-center gap-1 rounded text-fg-muted hover:text-fg">
            <ChevronIcon direction="left" />
            Playground
          </Link>
        </nav>
      </OwnerOnly>
      <h1 className="text-2xl font-semibold tracking-tight">Shared generation</h1>
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_360px]">
        <section aria-label="Images" className="min-w-0">
          {view.status === "completed" ? (
            <div className="flex flex-col gap-4">
              <BeforeAfter view={view} large />
              <LiveGallery view={view} eager large />
            </div>
          ) : view.status === "failed" ? (
            <p role="alert" className="rounded-xl border border-danger/30 bg-danger/10 px-4 py-3 text-sm text-danger">
              This prediction failed: {view.error || "no reason given"}
            </p>
          ) : (
            <div className="flex flex-col gap-3">
              <ShareRefresher id={view.id} createdAt={view.createdAt} status={view.status} />
              <GallerySkeleton aspectRatio={view.input.aspect_ratio} count={view.input.num_images} />
            </div>
          )}
        </section>
        <div className="flex flex-col gap-6 lg:sticky lg:top-20">
          <ShareDetails view={view} />
          <FamilyPanel current={view} family={familyView} />
        </div>
      </div>
      <Filmstrip views={chainViews} current={view.id} />
    </main>
  );
}
