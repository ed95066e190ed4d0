import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { type Env, getEnv } from "../env";
import { scaledStoresAdvice } from "./scaled-advice";

/**
 * What `npm run backup` and `npm run restore` share: the folder named on the command line, the
 * configuration `npm start` reads (the environment and .env files), the advice to use the database's
 * and the bucket's own tools on PostgreSQL or S3, and a failure as one line and a non-zero exit.
 * `work` gets the env and the folder, and answers the line to print and the seconds it took.
 */
export function runDataDirCommand(usage: string, work: (env: Env, folder: string) => Promise<(seconds: number) => string>) {
  const run = async () => {
    const [folder] = process.argv.slice(2);
    if (!folder) throw new Error(usage);
    loadEnvConfig(path.resolve(__dirname, "../.."));
    const env = getEnv();
    const advice = scaledStoresAdvice(env);
    if (advice) {
      console.error(advice);
      process.exitCode = 2;
      return;
    }
    const started = performance.now();
    const report = await work(env, folder);
    console.log(report((performance.now() - started) / 1000));
  };
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
