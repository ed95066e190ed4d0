import { Button } from "@/components/ui/button";
import { RefreshIcon } from "@/components/ui/icons";

/** A failed run: what went wrong, in the server's words, and a way to try again. */
export function RunError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-danger/30 bg-danger/10 px-4 py-3"
    >
      <p className="text-sm text-danger" data-testid="run-error">
        {message || "The prediction failed without saying why."}
      </p>
      <Button size="sm" onClick={onRetry}>
        <RefreshIcon />
        Retry
      </Button>
    </div>
  );
}
