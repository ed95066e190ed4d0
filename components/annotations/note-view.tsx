import type { PredictionView } from "@/lib/playground-api";

/** A run's note as a guest reads it, on a page the server renders for everyone (nothing when there is none). */
export function NoteView({ view, className = "" }: { view: PredictionView; className?: string }) {
  if (!view.note) return null;
  return (
    <div className={className} data-testid="note">
      <p className="text-sm break-words whitespace-pre-wrap" data-testid="note-text">
        {view.note}
      </p>
    </div>
  );
}
