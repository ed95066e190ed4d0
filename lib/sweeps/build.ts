import "server-only";
import type { PredictionStores } from "../predictions/build";
import type { PredictionService } from "../predictions/service";
import { GridImages } from "./grid-images";
import { SweepService } from "./sweep-service";

/** The sweep service over the same stores as the prediction service it starts cells through. */
export function buildSweepService(stores: PredictionStores, predictions: PredictionService, maxCells: number): SweepService {
  const grids = new GridImages(stores.gridBlobs, (id, index) => predictions.files.readThumbnail(id, index));
  return new SweepService({ predictions, sweeps: stores.sweeps, grids, maxCells });
}
