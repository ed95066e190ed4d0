import type { TestProject } from "vitest/node";
import { type ScaleEnv, startScaleServices } from "./scale-services";

declare module "vitest" {
  export interface ProvidedContext {
    scaleEnv: ScaleEnv;
  }
}

/** vitest globalSetup of the `scale` project: PostgreSQL and S3 for the whole run, then stopped. */
export default function setup(project: TestProject) {
  const services = startScaleServices();
  project.provide("scaleEnv", services.env);
  return () => services.stop();
}
