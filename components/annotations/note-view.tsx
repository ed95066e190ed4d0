"use client";

import dynamic from "next/dynamic";
import { LazyQueryProvider } from "@/components/layout/lazy-query-provider";
import { useSession } from "@/hooks/use-session";
import type { PredictionView } from "@/lib/playground-api";

// The editor (and the cache it writes through) is the owner's: a guest never loads it.
const NoteEditor = dynamic(() => import("./note-editor").then((module) => module.NoteEditor));

/** A run's note on a page the server renders for everyone: the owner edits it, a guest reads it (nothing when there is none). */
export function NoteView({ view, className = "" }: { view: PredictionView; className?: string }) {
  if (useSession().owner)
    return (
      <LazyQueryProvider>
        <NoteEditor view={view} className={className} />
      </LazyQueryProvider>
    );
  if (!view.note) return null;
  return (
    <div className={className} data-testid="note">
      <p className="text-sm break-words whitespace-pre-wrap" data-testid="note-text">
        {view.note}
      </p>
    </div>
  );
}
