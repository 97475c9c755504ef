import { decodeBody, parseFeed, type FeedFetcher } from "../feed/index";
import type { FeedReader } from "./ports";

/** The feed module's fetcher plus decoding and parsing, as the pipeline's FeedReader. */
export function createFeedReader(fetcher: FeedFetcher): FeedReader {
  return {
    fetch: (url, validators, signal) => fetcher.fetch(url, validators, signal),
    async read(result) {
      const decoded = decodeBody(result.body, result.contentType);
      const parsed = await parseFeed(decoded.text, { url: result.finalUrl });
      return { ...parsed, warnings: [...decoded.warnings, ...parsed.warnings] };
    },
  };
}
