"use client";

import { type KeyboardEvent, useId, useRef, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Segmented } from "@/components/ui/segmented";
import type { AnyPredictionRequest } from "@/lib/contract";
import { costUsd } from "@/lib/domain";
import { buildSnippet, SNIPPET_LANGUAGES, type SnippetLanguage, type SnippetTarget } from "@/lib/snippets";
import { validateValues } from "@/lib/view/form-validation";
import { DEFAULT_VALUES, type EditState, type FormField, type FormValues, NO_EDIT, pricedRunOf } from "@/lib/view/form-values";
import { formatUsd } from "@/lib/view/format";

const LANGUAGE_LABELS: Record<SnippetLanguage, string> = { curl: "curl", javascript: "JavaScript", python: "Python" };
const TARGETS = [
  ["wavespeed", "WaveSpeed"],
  ["self", "This server"],
] as const;
type TargetKind = (typeof TARGETS)[number][0];

const FIELD_NAMES: Record<FormField, string> = {
  model: "model",
  prompt: "prompt",
  aspect_ratio: "aspect ratio",
  num_images: "number of images",
  seed: "seed",
  guidance_scale: "guidance scale",
  safety_tolerance: "safety tolerance",
  size: "size",
  num_inference_steps: "steps",
  images: "input picture",
};
const PROMPT_PLACEHOLDER = "Describe the image you want";

/**
 * The request the form would send. A field the form would refuse shows its
 * default instead (a placeholder for an empty prompt), so the snippet always
 * runs; `substituted` names those fields for the note under the code.
 */
export function snippetRequest(
  values: FormValues,
  edit: EditState = NO_EDIT,
): { request: AnyPredictionRequest; substituted: FormField[] } {
  const checked = validateValues(values, edit);
  if (checked.request) return { request: checked.request, substituted: [] };
  const substituted = Object.keys(checked.errors) as FormField[];
  const defaults = Object.fromEntries(
    substituted.filter((field) => field !== "images").map((field) => [field, DEFAULT_VALUES[field as keyof FormValues]]),
  ) as Partial<FormValues>;
  const repaired: FormValues = { ...values, ...defaults };
  if (!repaired.prompt.trim()) repaired.prompt = PROMPT_PLACEHOLDER;
  return { request: validateValues(repaired, edit).request ?? { prompt: PROMPT_PLACEHOLDER }, substituted };
}

export function ApiSnippetsPanel({ values, edit = NO_EDIT }: { values: FormValues; edit?: EditState }) {
  const [language, setLanguage] = useState<SnippetLanguage>("curl");
  const [targetKind, setTargetKind] = useState<TargetKind>("wavespeed");
  const ids = useId();
  const tabId = (option: SnippetLanguage) => `${ids}-tab-${option}`;

  // Rendered in the browser only (the panel loads on open), so the origin is known.
  const target: SnippetTarget =
    targetKind === "wavespeed" ? { kind: "wavespeed" } : { kind: "self", baseUrl: window.location.origin };
  const { request, substituted } = snippetRequest(values, edit);
  const code = buildSnippet(language, request, target);

  return (
    <div className="flex flex-col gap-3 rounded-2xl border border-border bg-surface p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <LanguageTabs value={language} onChange={setLanguage} tabId={tabId} panelId={`${ids}-panel`} />
        <Segmented
          label={{ text: "Send to" }}
          name={`${ids}-target`}
          options={TARGETS}
          value={targetKind}
          onChange={setTargetKind}
          look="small"
        />
      </div>
      <div role="tabpanel" id={`${ids}-panel`} aria-labelledby={tabId(language)} className="relative">
        {/* A phone scrolls long lines inside the block; a wide screen wraps them, so every line shows whole. */}
        <pre
          // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so a keyboard can scroll long lines sideways (WCAG 2.1.1)
          tabIndex={0}
          data-testid="snippet-code"
          className="max-h-96 max-w-full overflow-auto rounded-lg border border-border bg-muted p-3 font-mono text-xs leading-relaxed text-fg lg:break-all lg:whitespace-pre-wrap"
        >
          <code>{code}</code>
        </pre>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-fg-muted">
          {targetKind === "wavespeed"
            ? `Needs your key in WAVESPEED_API_KEY; this costs ${formatUsd(costUsd("wavespeed", [pricedRunOf(values, edit)]))}.`
            : "This server speaks the same API and accepts any key."}
          {substituted.length > 0 &&
            ` Shown with a stand-in for the form's ${substituted.map((field) => FIELD_NAMES[field]).join(", ")}, not valid yet.`}
        </p>
        <CopyButton text={code} label="Copy code" />
      </div>
    </div>
  );
}

/** ARIA tabs with automatic activation: arrows, Home and End move and select. */
function LanguageTabs(props: {
  value: SnippetLanguage;
  onChange: (value: SnippetLanguage) => void;
  tabId: (option: SnippetLanguage) => string;
  panelId: string;
}) {
  const { value, onChange, tabId, panelId } = props;
  const tabs = useRef<Partial<Record<SnippetLanguage, HTMLButtonElement | null>>>({});
  const onKeyDown = (event: KeyboardEvent) => {
    const last = SNIPPET_LANGUAGES.length - 1;
    const current = SNIPPET_LANGUAGES.indexOf(value);
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: last };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = SNIPPET_LANGUAGES[(moves[event.key] + SNIPPET_LANGUAGES.length) % SNIPPET_LANGUAGES.length];
    onChange(next);
    tabs.current[next]?.focus();
  };

  return (
    <div
      role="tablist"
      aria-label="Language"
      onKeyDown={onKeyDown}
      className="flex rounded-lg border border-border bg-surface p-0.5"
    >
      {SNIPPET_LANGUAGES.map((option) => {
        const selected = option === value;
        return (
          <button
            key={option}
            ref={(element) => {
              tabs.current[option] = element;
            }}
            type="button"
            role="tab"
            id={tabId(option)}
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(option)}
            className={`rounded-md px-2.5 py-1 text-xs font-medium transition-colors ${selected ? "bg-muted text-fg" : "text-fg-muted hover:text-fg"}`}
          >
            {LANGUAGE_LABELS[option]}
          </button>
        );
      })}
    </div>
  );
}
