"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { NoteIcon } from "@/components/ui/icons";
import { lazyPart } from "@/components/ui/lazy-part";
import { usePrediction } from "@/hooks/use-prediction";
import { useSession } from "@/hooks/use-session";
import type { PredictionView } from "@/lib/playground-api";

// Most notes are read, not written: the form loads the first time one is edited.
const NoteForm = lazyPart(() => import("./note-form").then((module) => module.NoteForm));

type Props = { view: PredictionView; className?: string; compact?: boolean };

/**
 * A run's note: shown as plain text, edited in place. Any card, the lightbox or history can
 * mount it; it follows the run's cache entry, so a note saved elsewhere shows up here too.
 */
export function NoteEditor({ view, className = "", compact = false }: Props) {
  const { data } = usePrediction(view.id, view);
  const note = (data ?? view).note;
  const [editing, setEditing] = useState(false);
  // A guest reads the note; only the owner writes it.
  const owner = useSession().owner;

  if (editing) return <NoteForm id={view.id} note={note} className={className} onDone={() => setEditing(false)} />;
  // A guest with nothing to read gets nothing, not an empty section.
  if (!note && !owner) return null;
  return (
    <div className={`relative z-10 flex flex-col items-start gap-1 ${className}`} data-testid="note">
      {note && (
        <p className={`text-sm whitespace-pre-wrap break-words ${compact ? "line-clamp-3" : ""}`} data-testid="note-text">
          {note}
        </p>
      )}
      {owner && (
        <Button variant="ghost" size="sm" className="-ml-2" onClick={() => setEditing(true)}>
          <NoteIcon />
          {note ? "Edit note" : "Add note"}
        </Button>
      )}
    </div>
  );
}
