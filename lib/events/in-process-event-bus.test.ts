import { describeEventBusContract } from "@/testing/contracts/event-bus";
import { InProcessEventBus } from "./in-process-event-bus";

describeEventBusContract("in process", async () => {
  const bus = new InProcessEventBus();
  return [bus, bus];
});
