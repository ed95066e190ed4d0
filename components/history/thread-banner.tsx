import { Button } from "@/components/ui/button";
import { BranchIcon } from "@/components/ui/icons";
import { shortId } from "@/lib/domain";

/** Shown while history is narrowed to one thread: whose it is, and the way back to everything. */
export function ThreadBanner({ thread, onShowAll }: { thread: string; onShowAll: () => void }) {
  return (
    <div
      className="flex flex-wrap items-center gap-3 rounded-xl border border-border bg-muted/50 px-4 py-2 text-sm"
      data-testid="thread-banner"
    >
      <BranchIcon />
      <span>
        Thread <span className="font-mono">{shortId(thread)}</span>: a first run and everything made from it, newest first.
      </span>
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onShowAll}>
        Show every run
      </Button>
    </div>
  );
}
