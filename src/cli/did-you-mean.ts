/** Optimal string alignment distance (Levenshtein plus adjacent swaps: "lab-01" vs "lba-01" is 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

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
