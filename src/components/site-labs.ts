import { fileURLToPath } from 'node:url';
import { root } from 'astro:config/server';
import { loadLabs, LabCatalogError } from '../labs/catalog.ts';
import type { LabMeta } from '../shared/lab.ts';

/**
 * The labs for the pages, read at build time (the pages are prerendered). The folder comes from the
 * project root in Astro's config: `import.meta.url` of a bundled module points into `dist/`.
 */
export function siteLabs(): LabMeta[] {
  try {
    // Not cached: in `astro dev` a lab.yaml edited or added shows on the next reload.
    return loadLabs(fileURLToPath(new URL('labs/', root)));
  } catch (err) {
    if (err instanceof LabCatalogError) {
      // Fail the build with the file and the problem, not a stack through Astro's renderer.
      throw new Error(
        `Cannot build the site: a lab's metadata is invalid.\n  ${err.message}\nFix that lab.yaml (schema: src/shared/lab.ts), then run \`npm run build\` again.`,
        {
          cause: err,
        },
      );
    }
    throw err;
  }
}

/** Static paths for `labs/[id]`: each lab with its neighbours in course order. */
export function labPaths() {
  const labs = siteLabs();
  return labs.map((lab, i) => ({
    params: { id: lab.id },
    props: { lab, previous: labs[i - 1], next: labs[i + 1] },
  }));
}
