import { describeStores } from "./stores.suite";
import { createMemoryDocumentStore, createMemoryFeedLock, createMemoryFeedStateStore, createMemorySeenStore } from "./memory";

describeStores("memory", async () => ({
  seen: createMemorySeenStore({ globalKeep: 3 }),
  states: createMemoryFeedStateStore(),
  documents: createMemoryDocumentStore({ keep: 3 }),
  lock: createMemoryFeedLock(),
  close: async () => {},
}));
