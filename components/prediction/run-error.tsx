import { Button } from "@/components/ui/button";
import { CloseIcon, RefreshIcon, SlidersIcon } from "@/components/ui/icons";

type Props = {
  message: string;
  onRetry: () => void;
  /** Fills the form with the run's settings, to change them before trying again. */
  onEdit?: () => void;
  /** Puts the failed run out of sight in this tab. */
  onDismiss?: () => void;
};

/** A failed run: what went wrong, in the server's words, and what to do next. */
export function RunError({ message, onRetry, onEdit, onDismiss }: Props) {
  return (
    <div role="alert" className="flex flex-col gap-3 rounded-xl border border-danger/30 bg-danger/10 px-4 py-3">
      <p className="text-sm break-words text-danger" data-testid="run-error">
        {message || "The prediction failed without saying why."}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={onRetry}>
          <RefreshIcon />
          Retry
        </Button>
        {onEdit && (
          <Button size="sm" variant="ghost" onClick={onEdit} title="Fill the form with these settings">
            <SlidersIcon />
            Edit
          </Button>
        )}
        {onDismiss && (
          <Button size="sm" variant="ghost" onClick={onDismiss} className="ml-auto">
            <CloseIcon />
            Dismiss
          </Button>
        )}
      </div>
    </div>
  );
}
