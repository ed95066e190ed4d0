"use client";

import { useRef } from "react";
import { buttonClass } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";
import { useImport } from "@/hooks/use-import";
import { exportHref } from "@/lib/browser/archive-api";

type Props = {
  /** The history's current filter, as its query; empty when nothing narrows it. */
  filterQuery: Record<string, string>;
};

/** Export what history shows (or everything) as a zip, and import such a zip back. */
export function ArchiveActions({ filterQuery }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const importing = useImport();
  const filtered = Object.keys(filterQuery).length > 0;
  const result = importing.data;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="archive-actions">
      {filtered && (
        <a href={exportHref("filter", filterQuery)} download className={buttonClass({ size: "sm" })}>
          <DownloadIcon />
          Export these runs
        </a>
      )}
      <a href={exportHref("all")} download className={buttonClass({ size: "sm", variant: filtered ? "ghost" : "secondary" })}>
        <DownloadIcon />
        Export everything
      </a>
      <label
        className={buttonClass({
          size: "sm",
          variant: "ghost",
          className: "cursor-pointer has-focus-visible:outline-2 has-focus-visible:outline-accent",
        })}
      >
        {importing.isPending ? "Importing…" : "Import a zip"}
        <input
          ref={input}
          type="file"
          accept=".zip,application/zip"
          className="sr-only"
          disabled={importing.isPending}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            importing.mutate(file, {
              // The same file can be chosen again after this attempt.
              onSettled: () => {
                if (input.current) input.current.value = "";
              },
            });
          }}
        />
      </label>
      <p role="status" className="text-xs text-fg-muted" data-testid="import-result">
        {result
          ? `Imported ${result.predictions.imported} runs and ${result.sweeps.imported} sweeps; ${result.predictions.skipped} runs were already here.`
          : ""}
      </p>
      {importing.isError && (
        <p role="alert" className="w-full text-xs text-danger">
          Not imported: {importing.error.message}
        </p>
      )}
    </div>
  );
}
