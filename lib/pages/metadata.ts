import type { Metadata } from "next";
import { cardPaths } from "../cards/card-paths";
import {
  type CardSpec,
  cardKey,
  compareCard,
  isFlaggedRun,
  isPictureCard,
  parametersLine,
  predictionCard,
  settingsCard,
  sweepCardOf,
} from "../cards/card-spec";
import type { PredictionView, SweepView } from "../playground-api";
import type { CompareItem } from "../view/compare";
import { settingsFromValues } from "../view/form-validation";
import { type FormValues, valuesToQuery } from "../view/form-values";

const SITE = "Kontext Playground";
const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

type Preview = { title: string; description: string; url: string; card: { url: string; spec: CardSpec }; noIndex?: boolean };

/**
 * A page's link preview: its title, a description that adds to it (the parameters, not the
 * prompt again), and a 1200×630 card. A card of words only (a flagged run) is announced as a
 * `summary` card, so no chat app stretches text into a wide frame; a settings link's card draws the
 * shape of what it would make, so it is a picture like the others.
 */
function preview({ title, description, url, card }: Preview): Metadata {
  const large = isPictureCard(card.spec);
  const image = { url: card.url, width: 1200, height: 630, type: "image/png", alt: title };
  return {
    title,
    description,
    alternates: { canonical: url },
    openGraph: { type: "article", siteName: SITE, url, title, description, images: [image] },
    twitter: { card: large ? "summary_large_image" : "summary", title, description, images: [card.url] },
  };
}

export function shareMetadata(view: PredictionView, baseUrl: string): Metadata {
  const spec = predictionCard(view);
  const flagged = isFlaggedRun(view);
  return preview({
    title: shorten(view.input.prompt, 70),
    description: `${parametersLine(view.engine, view.input)}${flagged ? " · flagged as possibly sensitive" : ""}`,
    url: view.shareUrl,
    card: { url: baseUrl + cardPaths.prediction(view.id, cardKey(spec)), spec },
  });
}

export function compareMetadata(items: CompareItem[], shareUrl: string, baseUrl: string): Metadata {
  const spec = compareCard(items.map((item) => ({ run: item.view, index: item.output.index })));
  const refs = items.map((item) => ({ id: item.view.id, index: item.output.index }));
  return preview({
    title: `Compare ${items.length} images`,
    description: items
      .map(
        (item) =>
          `seed ${item.view.input.seed}, guidance ${item.view.input.guidance_scale.toFixed(1)}, ${item.view.input.aspect_ratio}`,
      )
      .join(" · "),
    url: shareUrl,
    card: { url: baseUrl + cardPaths.compare(refs, cardKey(spec)), spec },
  });
}

export function sweepMetadata(sweep: SweepView, title: string, baseUrl: string): Metadata {
  const { spec } = sweepCardOf(sweep, sweep.cells);
  return preview({
    title,
    description: `${sweep.x.values.length} × ${sweep.y?.values.length ?? 1} grid · ${parametersLine(sweep.engine, { ...sweep.base, seed: sweep.base.seed ?? undefined })}`,
    url: sweep.pageUrl,
    card: { url: baseUrl + cardPaths.sweep(sweep.id, cardKey(spec)), spec },
  });
}

/** A settings link (`/?prompt=…`): the prompt as its title, what it would run as the description. */
export function settingsMetadata(values: FormValues, baseUrl: string): Metadata | undefined {
  if (!values.prompt.trim()) return undefined;
  const settings = settingsFromValues(values);
  const spec = settingsCard(settings);
  const query = valuesToQuery(values).toString();
  return preview({
    title: shorten(values.prompt.trim(), 70),
    description: `A setup to try: ${parametersLine(undefined, settings)}`,
    url: `${baseUrl}/?${query}`,
    card: { url: baseUrl + cardPaths.settings(query, cardKey(spec)), spec },
  });
}
