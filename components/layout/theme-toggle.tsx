"use client";

import { type ComponentType, useEffect, useState } from "react";
import { MonitorIcon, MoonIcon, SunIcon } from "@/components/ui/icons";
import { readTheme, THEMES, type Theme, writeTheme } from "@/lib/browser/theme";

const ICONS: Record<Theme, ComponentType> = { system: MonitorIcon, light: SunIcon, dark: MoonIcon };
const LABELS: Record<Theme, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };

/** System / light / dark; the choice is kept in localStorage and applied by the head script. */
export function ThemeToggle() {
  // "system" until mounted: the server cannot know the saved choice.
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => setTheme(readTheme()), []);

  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, not form fields; a fieldset would bring a legend and form styling
    <div role="group" aria-label="Theme" className="flex items-center rounded-lg border border-border bg-surface p-0.5">
      {THEMES.map((option) => {
        const Glyph = ICONS[option];
        const checked = theme === option;
        return (
          <button
            key={option}
            type="button"
            aria-pressed={checked}
            aria-label={LABELS[option]}
            title={LABELS[option]}
            onClick={() => {
              setTheme(option);
              writeTheme(option);
            }}
            className={`grid size-7 place-items-center rounded-md transition-colors ${
              checked ? "bg-muted text-fg" : "text-fg-muted hover:text-fg"
            }`}
          >
            <Glyph />
          </button>
        );
      })}
    </div>
  );
}
