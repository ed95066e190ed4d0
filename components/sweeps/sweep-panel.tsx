"use client";

import type { SweepSummary } from "@/hooks/use-sweep-form";
import { formatUsd } from "@/lib/view/format";
import type { AxisDraft } from "@/lib/view/sweep-form";
import { AxisEditor } from "./axis-editor";

type Props = {
  x: AxisDraft;
  y: AxisDraft;
  onX: (draft: AxisDraft) => void;
  onY: (draft: AxisDraft) => void;
  summary: SweepSummary;
  maxCells: number;
  /** The server's refusal of the last Run sweep. */
  error?: string;
  pending: boolean;
};

/** The form's sweep mode: two axes, and the grid's size and cost before anything runs. */
export function SweepPanel({ x, y, onX, onY, summary, maxCells, error, pending }: Props) {
  return (
    <div className="flex flex-col gap-3" data-testid="sweep-panel">
      <AxisEditor name="x" draft={x} taken={y.field} onChange={onX} />
      <AxisEditor name="y" draft={y} taken={x.field} onChange={onY} />
      <p className={`text-sm tabular-nums ${summary.ok ? "" : "text-danger"}`} data-testid="sweep-summary" aria-live="polite">
        {summary.ok
          ? `${summary.columns} × ${summary.rows} = ${summary.cells} ${summary.cells === 1 ? "cell" : "cells"} · ${summary.images} ${
              summary.images === 1 ? "image" : "images"
            } · ${summary.costUsd > 0 ? formatUsd(summary.costUsd) : "free on the local engine"}`
          : summary.message}
      </p>
      <p className="text-xs text-fg-muted">At most {maxCells} cells. Every cell runs through the same queue as single runs.</p>
      {pending && (
        <p role="status" className="text-sm text-fg-muted">
          Starting the sweep…
        </p>
      )}
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
