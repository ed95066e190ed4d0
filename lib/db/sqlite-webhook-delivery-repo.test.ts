import { describeWebhookDeliveryRepoContract } from "@/testing/contracts/webhook-delivery-repo";
import { openDatabase } from "./client";
import { SqlitePredictionRepo } from "./sqlite-prediction-repo";
import { SqliteWebhookDeliveryRepo } from "./sqlite-webhook-delivery-repo";

describeWebhookDeliveryRepoContract("SQLite", async () => {
  const db = openDatabase(":memory:");
  return { deliveries: new SqliteWebhookDeliveryRepo(db), predictions: new SqlitePredictionRepo(db) };
});
