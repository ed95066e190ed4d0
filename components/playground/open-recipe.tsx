"use client";

import { type DragEvent, useRef, useState } from "react";
import { recipeFromFile } from "@/lib/browser/recipe-file";
import type { Recipe } from "@/lib/playground-api";

type Props = { onRecipe: (recipe: Recipe) => void };

/**
 * "Open recipe": an image downloaded from a playground carries the settings that made it;
 * choosing or dropping it here fills the form with them.
 */
export function OpenRecipe({ onRecipe }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const [over, setOver] = useState(false);

  const open = async (file: File | undefined) => {
    if (!file) return;
    const recipe = await recipeFromFile(file);
    if (input.current) input.current.value = "";
    if (!recipe) return setMessage({ text: `${file.name} carries no playground recipe.`, failed: true });
    onRecipe(recipe);
    setMessage({ text: `Opened the recipe of ${file.name}: seed ${recipe.seed}, ${recipe.aspect_ratio}.`, failed: false });
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void open(event.dataTransfer.files[0]);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; the file input inside serves the keyboard
    <div
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={`flex flex-col gap-1 rounded-xl border border-dashed px-3 py-2 text-sm ${over ? "border-accent bg-accent/10" : "border-border"}`}
      data-testid="open-recipe"
    >
      <label className="cursor-pointer font-medium text-accent has-focus-visible:outline-2 has-focus-visible:outline-accent">
        Open recipe
        <span className="font-normal text-fg-muted"> from an image downloaded here (or drop it)</span>
        <input
          ref={input}
          type="file"
          accept="image/*"
          className="sr-only"
          onChange={(event) => void open(event.target.files?.[0])}
        />
      </label>
      {message && (
        <p role={message.failed ? "alert" : "status"} className={`text-xs ${message.failed ? "text-danger" : "text-fg-muted"}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
