"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { useAnnotate } from "@/hooks/use-annotate";
import { MAX_NOTE_CHARS } from "@/lib/domain";

type Props = { id: string; note: string; className: string; onDone: () => void };

/** A run's note being written: Save (or Ctrl/⌘+Enter) keeps it, Cancel (or Escape) leaves the note as it was. */
export function NoteForm({ id, note, className, onDone }: Props) {
  const annotate = useAnnotate(id);
  const [draft, setDraft] = useState(note);
  const fieldId = useId();
  const save = () => annotate.mutate({ note: draft }, { onSuccess: onDone });

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
            onDone();
          }
        }}
        className="w-full rounded-lg border border-border bg-surface px-3 py-2 text-sm focus-visible:border-accent"
      />
      <div className="flex items-center gap-2">
        <Button size="sm" variant="primary" onClick={save} disabled={annotate.isPending}>
          {annotate.isPending ? "Saving…" : "Save note"}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
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
