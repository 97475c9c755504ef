// Fresh process that imports nothing: the Node start-up floor the other children are compared to.
import { report } from "../lib/measure.mjs";

report({ rssMB: process.memoryUsage().rss / 1e6 });
