"use client";

import { useRef } from "react";
import { NoteEditor } from "@/components/annotations/note-editor";
import { SourceBadge } from "@/components/assistant/source-badge";
import { ImageActions } from "@/components/gallery/image-actions";
import { LineageChip } from "@/components/lineage/lineage-chip";
import { ParamsSummary } from "@/components/prediction/params-list";
import { StatusBadge } from "@/components/prediction/status-badge";
import { Button } from "@/components/ui/button";
import { TrashIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import { NavLink } from "@/components/ui/nav-link";
import { useHiddenRun } from "@/hooks/use-id-sets";
import { usePrediction } from "@/hooks/use-prediction";
import { useUndoableDelete } from "@/hooks/use-undoable-delete";
import { isTerminal } from "@/lib/domain";
import type { PredictionView } from "@/lib/playground-api";
import { historyHref } from "@/lib/view/history-filters";
import { HistoryEntryActions } from "./history-entry-actions";
import { HistoryThumbs } from "./history-thumbs";

const MAX_PROMPT_CHARS = 160;
const shortPrompt = (prompt: string) =>
  prompt.length > MAX_PROMPT_CHARS ? `${prompt.slice(0, MAX_PROMPT_CHARS - 1).trimEnd()}…` : prompt;

type Props = {
  item: PredictionView;
  eager: boolean;
  onDeleted: () => void;
  /** Runs in this entry's thread; above one, the entry links to the whole thread. */
  threadSize: number;
  /** The entry stands for its whole thread. */
  grouped: boolean;
};

/**
 * One prediction in the history. The whole card opens its share page (the
 * prompt link is stretched over it); reveal and delete sit above that link.
 */
export function HistoryEntry({ item, eager, onDeleted, threadSize, grouped }: Props) {
  // Observing its own cache entry keeps a running prediction live, and lets useHistoryLive tell a delete from a clean-up.
  const { data, error } = usePrediction(item.id, item);
  const undoableDelete = useUndoableDelete();
  const hidden = useHiddenRun(item.id);
  const link = useRef<HTMLAnchorElement>(null);
  if (hidden || (error && "code" in error && error.code === "not_found")) return null;
  const view = data ?? item;

  // Asks in the page's dialog, hides the entry, and deletes once the Undo toast has gone.
  const remove = () => void undoableDelete(view.id, { onDeleted });

  return (
    <li>
      <article
        data-testid="history-entry"
        data-id={view.id}
        data-status={view.status}
        className="relative flex h-full gap-3 rounded-2xl border border-border bg-surface p-3 shadow-sm transition-colors hover:border-fg-muted/40 sm:flex-col"
      >
        {/* The reveal button goes away once used; the keyboard moves on to the link rather than being dropped. */}
        <HistoryThumbs view={view} eager={eager} onRevealed={() => link.current?.focus()} />
        <div className="flex min-w-0 flex-1 flex-col gap-1.5">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <StatusBadge status={view.status} />
            <LocalTime iso={view.createdAt} className="text-xs text-fg-muted tabular-nums" />
            <SourceBadge view={view} />
          </div>
          <h3 className="text-sm leading-snug font-medium">
            <NavLink
              ref={link}
              href={`/p/${encodeURIComponent(view.id)}`}
              title={view.input.prompt.length > MAX_PROMPT_CHARS ? view.input.prompt : undefined}
              data-testid="history-link"
              data-entry-link
              className="line-clamp-3 break-words outline-none after:absolute after:inset-0 after:rounded-2xl focus-visible:after:outline-2 focus-visible:after:outline-offset-2 focus-visible:after:outline-accent"
            >
              {shortPrompt(view.input.prompt)}
            </NavLink>
          </h3>
          <ParamsSummary input={view.input} />
          <LineageChip view={view} className="self-start" />
          {(threadSize > 1 || grouped) && (
            <NavLink
              href={historyHref({ q: "", thread: view.threadId })}
              className="relative z-10 inline-flex min-h-6 items-center self-start text-xs text-accent hover:underline"
              data-testid="thread-link"
            >
              {threadSize === 1 ? "1 run in its thread" : `${threadSize} runs in its thread`}
            </NavLink>
          )}
          {view.status === "completed" && view.outputs.length > 0 && (
            // One group per image, in the thumbnails' order; which image is in each button's name, not beside its icon.
            <div className="relative z-10 -ml-2 flex flex-wrap items-center divide-x divide-border">
              {view.outputs.map((output, position) => (
                // biome-ignore lint/a11y/useSemanticElements: a group of an image's controls, not a form's fieldset
                <span key={output.index} role="group" aria-label={`Image ${position + 1}`} className="flex items-center px-0.5">
                  <ImageActions view={view} output={output} position={position + 1} look="plain" />
                </span>
              ))}
            </div>
          )}
          {isTerminal(view.status) && <HistoryEntryActions view={view} />}
          <NoteEditor view={view} compact />
          {view.status === "failed" && (
            <p className="line-clamp-2 text-xs text-danger">{view.error || "Failed without saying why."}</p>
          )}
          <div className="mt-auto flex justify-end">
            <Button
              variant="danger"
              size="sm"
              className="relative z-10 -mr-1 -mb-1"
              aria-label="Delete"
              title="Delete this run and its images"
              onClick={remove}
            >
              <TrashIcon />
            </Button>
          </div>
        </div>
      </article>
    </li>
  );
}
