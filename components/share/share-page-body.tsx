import { OwnerOnly } from "@/components/access/owner-only";
import { Filmstrip } from "@/components/edit/filmstrip";
import { FamilyPanel } from "@/components/lineage/family-panel";
import { PlaygroundLink } from "@/components/ui/playground-link";
import { runLabel } from "@/lib/domain";
import type { SharePageData } from "@/lib/playground-api";
import { ShareDetails } from "./share-details";
import { ShareImages } from "./share-images";
import { ShareBeforeAfter } from "./share-owner";

// Wide screens: the picture on the left, the details beside it, the chain under the picture.
// A phone: the first picture, the details, then the rest and the chain.
const FIRST = "min-w-0 lg:col-start-1 lg:row-start-1";
const DETAILS = "flex min-w-0 flex-col gap-6 lg:sticky lg:top-20 lg:col-start-2 lg:row-span-2 lg:row-start-1";
const REST = "flex min-w-0 flex-col gap-6 lg:col-start-1 lg:row-start-2";

/**
 * A share page, read first by someone who did not make the run: the prompt is the heading, the
 * parameters come before the second image on a phone, and a guest's actions are the ones a guest
 * can use. Server components, with small client islands (the before/after divider, the copy
 * buttons, the owner's controls, fetched only for the owner). The same for every viewer: owner
 * controls appear after the browser's session check.
 */
export function SharePageBody({ data }: { data: SharePageData }) {
  const { view, family } = data;
  const chain = <Filmstrip views={family.thread} current={view.id} />;
  return (
    <main
      id="main"
      // A phone keeps the first image to half the screen, so the parameters show on the first screen too; a laptop
      // keeps the whole picture on the first screen, under the heading.
      className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-5 [--image-max-h:50svh] sm:px-6 lg:gap-6 lg:py-8 lg:[--image-max-h:calc(100svh-15rem)]"
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
          Made with <span data-testid="share-engine">{runLabel(view.engine, view.input.model)}</span>
        </p>
      </header>
      {/* Several pictures combined: they come first, the result below is the gallery. */}
      {view.input.edit?.kind === "multi" && <ShareBeforeAfter view={view} />}
      <div className="grid items-start gap-4 lg:grid-cols-[1fr_360px] lg:gap-6">
        <ShareImages
          view={view}
          first={FIRST}
          rest={REST}
          details={
            <div className={DETAILS} data-testid="share-details">
              <ShareDetails view={view} />
              <FamilyPanel current={view} family={family} />
            </div>
          }
          chain={chain}
        />
      </div>
    </main>
  );
}
