"use client";

import { useEffect, useState } from "react";
import { MODEL_NAMES, MODELS, PREDICTION_STATUSES, type PredictionStatus } from "@/lib/domain";
import type { HistoryFilters } from "@/lib/view/history-filters";

type Props = {
  searchText: string;
  filters: HistoryFilters;
  onSearchText: (text: string) => void;
  onSearchNow: () => void;
  onStatus: (status: PredictionStatus | undefined) => void;
  onNarrow: (patch: Omit<Partial<HistoryFilters>, "q">) => void;
};

/** Most looked-for first; the words match the status badges. */
const STATUS_LABELS: Record<PredictionStatus, string> = {
  completed: "Completed",
  failed: "Failed",
  processing: "Processing",
  created: "Queued",
};

const STATUS_ORDER = Object.keys(STATUS_LABELS) as PredictionStatus[];

const controlClass =
  "h-9 rounded-lg border border-border bg-surface px-3 text-sm text-fg shadow-sm placeholder:text-fg-muted focus-visible:border-accent";

/**
 * Search, status and model filters. A plain GET form underneath, so without script
 * Enter still loads `/history?q=...` rendered by the server.
 */
export function HistoryToolbar({ searchText, filters, onSearchText, onSearchNow, onStatus, onNarrow }: Props) {
  const { status } = filters;
  // Until hydrated, typing filters nothing; tests (and only they) wait for this mark.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  return (
    // biome-ignore lint/a11y/useSemanticElements: a search landmark on the form itself keeps its native submit without JavaScript
    <form
      role="search"
      data-ready={ready}
      action="/history"
      method="get"
      onSubmit={(event) => {
        event.preventDefault();
        onSearchNow();
      }}
      className="flex flex-col gap-2 sm:flex-row sm:items-end"
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <label htmlFor="history-search" className="text-xs font-medium text-fg-muted">
          Search prompts and notes
        </label>
        <input
          id="history-search"
          type="search"
          name="q"
          value={searchText}
          maxLength={500}
          placeholder="Words from a prompt or a note"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onSearchText(event.target.value)}
          className={`${controlClass} w-full`}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="history-status" className="text-xs font-medium text-fg-muted">
          Status
        </label>
        <select
          id="history-status"
          name="status"
          value={status ?? ""}
          onChange={(event) => onStatus(PREDICTION_STATUSES.find((candidate) => candidate === event.target.value))}
          className={`${controlClass} sm:w-48`}
        >
          <option value="">All statuses</option>
          {STATUS_ORDER.map((option) => (
            <option key={option} value={option}>
              {STATUS_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="history-model" className="text-xs font-medium text-fg-muted">
          Model
        </label>
        <select
          id="history-model"
          name="model"
          value={filters.model ?? ""}
          onChange={(event) => onNarrow({ model: MODEL_NAMES.find((candidate) => candidate === event.target.value) })}
          className={`${controlClass} sm:w-44`}
        >
          <option value="">All models</option>
          {MODEL_NAMES.map((option) => (
            <option key={option} value={option}>
              {MODELS[option].label}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 sm:h-9">
        <legend className="sr-only">Show only</legend>
        <Check
          name="starred"
          label="Starred only"
          checked={Boolean(filters.starred)}
          onChange={(starred) => onNarrow({ starred })}
        />
        <Check name="note" label="Has a note" checked={Boolean(filters.hasNote)} onChange={(hasNote) => onNarrow({ hasNote })} />
        <Check
          name="group"
          value="thread"
          label="Group by thread"
          checked={Boolean(filters.grouped)}
          onChange={(grouped) => onNarrow({ grouped })}
        />
      </fieldset>
    </form>
  );
}

function Check({
  name,
  value = "1",
  label,
  checked,
  onChange,
}: {
  name: string;
  value?: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="flex items-center gap-1.5 text-sm whitespace-nowrap">
      <input
        type="checkbox"
        name={name}
        value={value}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        className="size-4 accent-(--accent)"
      />
      {label}
    </label>
  );
}
