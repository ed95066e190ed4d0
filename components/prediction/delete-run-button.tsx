"use client";

import { Button } from "@/components/ui/button";
import { TrashIcon } from "@/components/ui/icons";

/** Every Delete of a run asks this first. */
export const confirmRunDelete = () => window.confirm("Delete this run and its images?");

/** The Delete of a run, wherever it is shown: it asks before anything is removed. */
export function DeleteRunButton({ onDelete, disabled }: { onDelete: () => void; disabled?: boolean }) {
  return (
    <Button
      variant="danger"
      size="sm"
      className="ml-auto"
      aria-label="Delete"
      title="Delete this run and its images"
      disabled={disabled}
      onClick={() => confirmRunDelete() && onDelete()}
    >
      <TrashIcon />
    </Button>
  );
}
