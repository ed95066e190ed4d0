import { Button, buttonClass } from "@/components/ui/button";
import { NavLink } from "@/components/ui/nav-link";

const frame =
  "flex min-h-64 flex-col items-center justify-center gap-3 rounded-2xl border border-dashed border-border p-8 text-center";

/** Nothing generated yet. */
export function EmptyHistory() {
  return (
    <div className={frame} data-testid="history-empty">
      <p className="font-medium">No predictions yet</p>
      <p className="max-w-sm text-sm text-fg-muted">
        Every image you generate in the playground is kept here, with its prompt and seed.
      </p>
      <NavLink href="/" className={buttonClass({ variant: "primary" })}>
        Open the playground
      </NavLink>
    </div>
  );
}

/** Predictions exist, but none under these filters. */
export function NoMatches({ onClear }: { onClear: () => void }) {
  return (
    <div className={frame} data-testid="history-no-matches">
      <p className="font-medium">No predictions match</p>
      <p className="max-w-sm text-sm text-fg-muted">Try other words, or another status.</p>
      <Button onClick={onClear}>Clear filters</Button>
    </div>
  );
}
