"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { NoteIcon } from "@/components/ui/icons";
import { useAnnotate } from "@/hooks/use-annotate";
import { usePrediction } from "@/hooks/use-prediction";
import { useSession } from "@/hooks/use-session";
import { MAX_NOTE_CHARS } from "@/lib/domain";
import type { PredictionView } from "@/lib/playground-api";

type Props = { view: PredictionView; className?: string; compact?: boolean };

/**
 * A run's note: shown as plain text, edited in place. Any card, the lightbox or history can
 * mount it; it follows the run's cache entry, so a note saved elsewhere shows up here too.
 */
export function NoteEditor({ view, className = "", compact = false }: Props) {
  const { data } = usePrediction(view.id, view);
  const note = (data ?? view).note;
  const annotate = useAnnotate(view.id);
  const [draft, setDraft] = useState<string | null>(null);
  const fieldId = useId();
  const editing = draft !== null;
  // A guest reads the note; only the owner writes it.
  const owner = useSession().owner;

  const save = () => {
    if (draft === null) return;
    annotate.mutate({ note: draft }, { onSuccess: () => setDraft(null) });
  };

  // A guest with nothing to read gets nothing, not an empty section.
  if (!editing && !note && !owner) return null;
  if (!editing) {
    return (
      <div className={`relative z-10 flex flex-col items-start gap-1 ${className}`} data-testid="note">
        {note && (
          <p className={`text-sm whitespace-pre-wrap break-words ${compact ? "line-clamp-3" : ""}`} data-testid="note-text">
            {note}
          </p>
        )}
        {owner && (
          <Button variant="ghost" size="sm" className="-ml-2" onClick={() => setDraft(note)}>
            <NoteIcon />
            {note ? "Edit note" : "Add note"}
          </Button>
        )}
      </div>
    );
  }

  return (
    <div className={`relative z-10 flex flex-col gap-2 ${className}`} data-testid="note">
      <label htmlFor={fieldId} className="text-xs font-medium text-fg-muted">
        Note
      </label>
      <textarea
        id={fieldId}
        value={draft}
        maxLength={MAX_NOTE_CHARS}
        rows={3}
        // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this note
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) save();
          if (event.key === "Escape") {
            event.stopPropagation();
            setDraft(null);
          }
        }}
        className="w-full rounded-lg border border-border bg-surface px-3 py-2 text-sm focus-visible:border-accent"
      />
      <div className="flex items-center gap-2">
        <Button size="sm" variant="primary" onClick={save} disabled={annotate.isPending}>
          {annotate.isPending ? "Saving…" : "Save note"}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>
          Cancel
        </Button>
        <span className="ml-auto text-xs text-fg-muted tabular-nums">
          {draft.length} / {MAX_NOTE_CHARS}
        </span>
      </div>
      {annotate.isError && (
        <p role="alert" className="text-xs text-danger">
          Not saved: {annotate.error.message}
        </p>
      )}
    </div>
  );
}
