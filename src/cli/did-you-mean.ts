export { editDistance } from '../shared/edit-distance.ts';
import { editDistance } from '../shared/edit-distance.ts';

/**
 * The closest candidates to `text` (case-insensitive), best first. Each candidate may be known by
 * several spellings (`lab-10`, `10`, `q10`); ties are all returned so the user sees every option.
 * Nothing is suggested when even the best is too far to be a typo, or when more than `maxResults`
 * candidates tie (a guess among many helps nobody).
 */
export function closest(text: string, candidates: ReadonlyMap<string, readonly string[]>, maxResults = 3): string[] {
  const input = text.trim().toLowerCase();
  const limit = Math.max(1, Math.floor(input.length / 3));
  const scored = [...candidates].map(([name, spellings]) => ({
    name,
    distance: Math.min(...spellings.map((s) => editDistance(input, s.toLowerCase()))),
  }));
  const best = Math.min(...scored.map((s) => s.distance));
  if (!Number.isFinite(best) || best > limit) return [];
  const tied = scored.filter((s) => s.distance === best).map((s) => s.name);
  return tied.length > maxResults ? [] : tied;
}
