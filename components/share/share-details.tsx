import { LineageChip } from "@/components/lineage/lineage-chip";
import { ParamsList } from "@/components/prediction/params-list";
import { StatusBadge } from "@/components/prediction/status-badge";
import { CopyButton } from "@/components/ui/copy-button";
import { LinkIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import type { PredictionView } from "@/lib/playground-api";
import { requestBody } from "@/lib/snippets";
import { requestFromInput } from "@/lib/view/form-values";
import { formatSeconds } from "@/lib/view/format";
import { ShareDownloads } from "./share-downloads";
import { OwnerShareActions, ShareNote } from "./share-owner";

/** The JSON a WaveSpeed client sends to make this run again, its pictures as links to this server. */
const settingsJson = (view: PredictionView) =>
  JSON.stringify(
    requestBody(requestFromInput(view.input, view.input.seed), { kind: "self", baseUrl: new URL(view.shareUrl).origin }),
    null,
    2,
  );

/**
 * The side panel of a share page (its heading is the prompt): parameters, provenance, and what a
 * person can do with them. A guest gets what a guest can use: copy the prompt, copy the settings,
 * download; the owner's actions are a separate island, fetched only for the owner.
 */
export function ShareDetails({ view }: { view: PredictionView }) {
  return (
    <aside className="flex flex-col gap-5 rounded-2xl border border-border bg-surface p-5 shadow-sm">
      <ParamsList input={view.input} seedRequested={view.seedRequested} engine={view.engine} />
      <LineageChip view={view} className="self-start" />
      <ShareNote view={view} className="border-t border-border pt-4" />
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 border-t border-border pt-4 text-sm">
        <dt className="text-fg-muted">Status</dt>
        <dd>
          <StatusBadge status={view.status} />
        </dd>
        <dt className="text-fg-muted">Created</dt>
        <dd>
          <LocalTime iso={view.createdAt} absolute />
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
      <div className="flex flex-col gap-3 border-t border-border pt-4" data-testid="share-actions">
        <OwnerShareActions view={view} />
        {view.status === "completed" && <ShareDownloads outputs={view.outputs} />}
        <div className="-mx-1 flex flex-wrap items-center gap-0.5">
          <CopyButton text={view.input.prompt} label="Copy prompt" />
          <CopyButton text={settingsJson(view)} label="Copy settings" />
          <CopyButton text={String(view.input.seed)} label="Copy seed" />
          <CopyButton text={view.shareUrl} label="Copy share link" icon={<LinkIcon />} />
        </div>
      </div>
    </aside>
  );
}
