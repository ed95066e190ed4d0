import { EyeIcon } from "@/components/ui/icons";

type Props = {
  onReveal: () => void;
  /** Shape and stacking of the frame it covers. */
  className?: string;
  /** Where space is short, the words are shown from the `sm` breakpoint up (still read out below it). */
  compact?: boolean;
};

/** Covers a flagged image until a click reveals it; every view of a flagged image uses this one. */
export function RevealOverlay({ onReveal, className = "", compact = false }: Props) {
  return (
    <button
      type="button"
      onClick={onReveal}
      title="Flagged as possibly sensitive"
      className={`absolute inset-0 grid place-items-center bg-scrim/20 p-1 ${className}`}
    >
      <span className="flex items-center gap-1.5 rounded-full bg-surface/90 px-2.5 py-1 text-xs font-medium text-fg shadow">
        <EyeIcon />
        <span className={compact ? "sr-only sm:not-sr-only" : undefined}>Click to reveal</span>
        <span className="sr-only"> (flagged as possibly sensitive)</span>
      </span>
    </button>
  );
}
