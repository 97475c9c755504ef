import { isTrustworthyGuid } from "@corpus/model";

/** Share of a poll's items whose GUIDs, when blank or repeated, make a feed switch to URL keys. */
export const GUID_PROBLEM_SHARE = 0.05;

/**
 * Share of items whose GUID is missing, a placeholder, or repeated within the poll (every copy of
 * a repeated GUID counts). 0 for an empty poll.
 */
export function guidProblemShare(guids: readonly (string | undefined)[]): number {
  if (guids.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const guid of guids) if (guid !== undefined) counts.set(guid.trim(), (counts.get(guid.trim()) ?? 0) + 1);
  const bad = guids.filter((guid) => !isTrustworthyGuid(guid) || (counts.get(guid!.trim()) ?? 0) > 1).length;
  return bad / guids.length;
}

/** A feed keyed by GUID whose GUIDs are no longer usable (FreshRSS's rule: more than 5% bad). */
export function shouldKeyByUrl(guids: readonly (string | undefined)[]): boolean {
  return guidProblemShare(guids) > GUID_PROBLEM_SHARE;
}
