import { OwnerOnly } from "@/components/access/owner-only";
import { BeforeAfter } from "@/components/edit/before-after";
import { Filmstrip } from "@/components/edit/filmstrip";
import { GallerySkeleton } from "@/components/gallery/gallery-skeleton";
import { LiveGallery } from "@/components/gallery/live-gallery";
import { FamilyPanel } from "@/components/lineage/family-panel";
import { PlaygroundLink } from "@/components/ui/playground-link";
import { ENGINE_LABELS } from "@/lib/domain";
import type { SharePageData } from "@/lib/playground-api";
import { ShareDetails } from "./share-details";
import { ShareRefresher } from "./share-refresher";

// Wide screens: images on the left, the details beside them. A phone: the first image, the details, then the rest.
const FIRST = "min-w-0 lg:col-start-1 lg:row-start-1";
const DETAILS = "flex min-w-0 flex-col gap-6 lg:sticky lg:top-20 lg:col-start-2 lg:row-span-2 lg:row-start-1";
const REST = "grid min-w-0 gap-4 lg:col-start-1 lg:row-start-2";

/**
 * A share page, read first by someone who did not make the run: the prompt is the heading, the
 * parameters come before the second image on a phone, and "Make your own" leads into the
 * playground. The same for every viewer: owner controls appear after the browser's session check.
 */
export function SharePageBody({ data }: { data: SharePageData }) {
  const { view, family } = data;
  const details = (
    <div className={DETAILS} data-testid="share-details">
      <ShareDetails view={view} />
      <FamilyPanel current={view} family={family} />
    </div>
  );
  return (
    <main
      id="main"
      // A phone keeps the first image to half the screen, so the parameters show on the first screen too.
      className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-5 [--image-max-h:50svh] sm:px-6 lg:gap-6 lg:py-8 lg:[--image-max-h:85svh]"
    >
      <OwnerOnly>
        <nav className="flex items-center justify-between gap-4 text-sm">
          <PlaygroundLink />
        </nav>
      </OwnerOnly>
      <header className="flex flex-col gap-1">
        <h1
          className={`font-semibold tracking-tight break-words ${view.input.prompt.length > 160 ? "text-base sm:text-lg" : "text-xl sm:text-2xl"}`}
          data-testid="share-prompt"
        >
          {view.input.prompt}
        </h1>
        <p className="text-sm text-fg-muted">
          Made with <span data-testid="share-engine">{ENGINE_LABELS[view.engine]}</span>
        </p>
      </header>
      {view.status === "completed" && <BeforeAfter view={view} large />}
      <div className="grid items-start gap-4 lg:grid-cols-[1fr_360px] lg:gap-6">
        {view.status === "completed" ? (
          <LiveGallery view={view} eager large between={{ node: details, firstClassName: FIRST, restClassName: REST }} />
        ) : (
          <>
            <section aria-label="Images" className={FIRST}>
              {view.status === "failed" ? (
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
            {details}
          </>
        )}
      </div>
      {/* The chain that led here, and the edits made from it. */}
      <Filmstrip
        views={[...family.ancestors.flatMap((ancestor) => (ancestor.view ? [ancestor.view] : [])), view, ...family.children]}
        current={view.id}
      />
    </main>
  );
}
