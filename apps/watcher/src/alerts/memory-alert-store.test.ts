import { describeAlertStore } from "./alert-store.suite";
import { createMemoryAlertStore } from "./memory-alert-store";

describeAlertStore("memory", async () => {
  const store = createMemoryAlertStore();
  return {
    store,
    take: async (subscriber, channel, id) => store.take(subscriber, channel, id),
    markDelivered: async (subscriber, id) => store.markDelivered(subscriber, id),
    close: async () => {},
  };
});
