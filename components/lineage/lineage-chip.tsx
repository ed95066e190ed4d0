import { BranchIcon } from "@/components/ui/icons";
import { NavLink } from "@/components/ui/nav-link";
import { describeLineage } from "@/lib/domain";
import type { PredictionView } from "@/lib/playground-api";

/**
 * "vary seed of #3f2a · seed 1848 → 2022": where a run came from, linking to its
 * parent (or, for a sweep cell, to its sweep). Above a card's stretched link, so it can be clicked.
 */
export function LineageChip({ view, className = "" }: { view: Pick<PredictionView, "lineage" | "sweep">; className?: string }) {
  const { lineage, sweep } = view;
  if (!lineage) return null;
  const href = lineage.parentId
    ? `/p/${encodeURIComponent(lineage.parentId)}`
    : sweep
      ? `/s/${encodeURIComponent(sweep.id)}`
      : null;
  const text = describeLineage(lineage);
  const chip = "relative z-10 inline-flex max-w-full items-center gap-1 rounded-full bg-muted px-2 py-0.5 text-xs text-fg-muted";
  const content = (
    <>
      <BranchIcon className="size-3 shrink-0" />
      <span className="truncate">{text}</span>
    </>
  );
  return href ? (
    <NavLink href={href} data-testid="lineage-chip" title={text} className={`${chip} hover:text-fg ${className}`}>
      {content}
    </NavLink>
  ) : (
    <span data-testid="lineage-chip" title={text} className={`${chip} ${className}`}>
      {content}
    </span>
  );
}
