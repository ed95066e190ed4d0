"use client";

import { Button } from "@/components/ui/button";
import { TrashIcon } from "@/components/ui/icons";

/** The Delete of a run, wherever it is shown: `onDelete` asks first (useUndoableDelete) and offers Undo. */
export function DeleteRunButton({ onDelete, disabled }: { onDelete: () => void; disabled?: boolean }) {
  return (
    <Button
      variant="danger"
      size="sm"
      className="ml-auto"
      aria-label="Delete"
      title="Delete this run and its images"
      disabled={disabled}
      onClick={onDelete}
    >
      <TrashIcon />
    </Button>
  );
}
