import "server-only";
import path from "node:path";
import { openDatabase } from "../db/client";
import { PredictionStore } from "../db/queries";
import type { Engine } from "../engines/types";
import { DiskStorage } from "../storage/disk";
import { ThumbnailCache } from "../storage/thumbnails";
import { PredictionEvents } from "./events";
import { PredictionService } from "./service";
import { Tracker, type TrackerConfig } from "./tracker";

/** Wires store, storage, engine and tracker under one data folder. */
export function buildPredictions(options: { dataDir: string; engine: Engine; trackerConfig: TrackerConfig }) {
  const dataDir = path.resolve(options.dataDir);
  const store = new PredictionStore(openDatabase(path.join(dataDir, "playground.sqlite")));
  const storage = new DiskStorage(path.join(dataDir, "images"));
  const thumbnails = new ThumbnailCache(new DiskStorage(path.join(dataDir, "thumbs")));
  const events = new PredictionEvents();
  const { engine } = options;
  const tracker = new Tracker({ store, storage, engine, events }, options.trackerConfig);
  const service = new PredictionService({ store, storage, thumbnails, engine, events, tracker });
  return { service, store, storage, tracker, events };
}
