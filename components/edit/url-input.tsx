"use client";

import { useState } from "react";

/** An image URL to start from; the server fetches it when the edit is submitted, and says so if it cannot. */
export function UrlInput({ onUrl }: { onUrl: (url: string) => void }) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const use = () => {
    const url = text.trim();
    if (!/^https:\/\/\S+$/i.test(url)) return setProblem("Give an https URL of an image.");
    setProblem(null);
    setText("");
    onUrl(url);
  };
  return (
    <div className="flex flex-col gap-1">
      <div className="flex gap-2">
        <input
          type="url"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== "Enter" || event.ctrlKey || event.metaKey) return;
            event.preventDefault();
            use();
          }}
          placeholder="or paste an image URL"
          aria-label="Image URL"
          className="min-w-0 flex-1 rounded-lg border border-border bg-bg px-2 py-1 text-sm"
        />
        <button type="button" onClick={use} className="rounded-lg border border-border px-2 text-sm hover:bg-muted">
          Use
        </button>
      </div>
      {problem && <p className="text-xs text-danger">{problem}</p>}
    </div>
  );
}
