import Link from "next/link";
import { OwnerOnly } from "@/components/access/owner-only";
import { NoteEditor } from "@/components/annotations/note-editor";
import { LineageChip } from "@/components/lineage/lineage-chip";
import { ParamsList } from "@/components/prediction/params-list";
import { StatusBadge } from "@/components/prediction/status-badge";
import { buttonClass } from "@/components/ui/button";
import { SlidersIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import type { PredictionView } from "@/lib/playground-api";
import { playgroundHref, valuesFromInput } from "@/lib/view/form-values";
import { formatSeconds } from "@/lib/view/format";
import { ShareActions } from "./share-actions";
import { ShareDownloads } from "./share-downloads";

/** The side panel of a share page (its heading is the prompt): parameters, provenance, and what a person can do with them. */
export function ShareDetails({ view }: { view: PredictionView }) {
  return (
    <aside className="flex flex-col gap-5 rounded-2xl border border-border bg-surface p-5 shadow-sm">
      <ParamsList input={view.input} seedRequested={view.seedRequested} engine={view.engine} />
      <LineageChip view={view} className="self-start" />
      <NoteEditor view={view} className="border-t border-border pt-4" />
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 border-t border-border pt-4 text-sm">
        <dt className="text-fg-muted">Status</dt>
        <dd>
          <StatusBadge status={view.status} />
        </dd>
        <dt className="text-fg-muted">Created</dt>
        <dd>
          <LocalTime iso={view.createdAt} />
        </dd>
        {view.status === "completed" && (
          <>
            <dt className="text-fg-muted">Inference</dt>
            <dd className="tabular-nums">{formatSeconds(view.inferenceMs)}</dd>
          </>
        )}
        <dt className="text-fg-muted">Model</dt>
        <dd className="break-all">{view.engine === "local" ? "Local preview (not FLUX)" : `WaveSpeed AI · ${view.model}`}</dd>
      </dl>
      <div className="flex flex-col gap-2 border-t border-border pt-4">
        {/* A visitor starts their own from these settings; the owner's next run is recorded as made from this one. */}
        <OwnerOnly
          fallback={
            <Link href={playgroundHref(valuesFromInput(view.input))} className={buttonClass({ variant: "primary" })}>
              <SlidersIcon />
              Make your own
            </Link>
          }
        >
          <Link
            href={playgroundHref(valuesFromInput(view.input), { id: view.id, kind: "settings" })}
            className={buttonClass({ variant: "primary" })}
          >
            <SlidersIcon />
            Use these settings
          </Link>
        </OwnerOnly>
        <ShareActions view={view}>{view.status === "completed" && <ShareDownloads outputs={view.outputs} />}</ShareActions>
      </div>
    </aside>
  );
}
