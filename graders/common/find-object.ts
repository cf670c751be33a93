import { t, type Localized } from '../../src/shared/i18n.ts';
import type { ObjectMeta } from '../../src/parse/kube.ts';

/** An object found by name, and every namespace that holds an object of that name. */
export interface Found<T> {
  item: T;
  namespace: string;
  /** All namespaces holding an object with this name, the chosen one first. */
  namespaces: string[];
}

const nsOf = (meta: ObjectMeta): string => meta.namespace ?? 'default';

/**
 * Finds an object by name across namespaces. The question's namespace (`default`) wins; otherwise
 * the alphabetically first one, so a learner who worked in another namespace is still graded.
 * `prefer` breaks ties inside the chosen order (e.g. the HPA that targets deployment1).
 */
export function findNamed<T extends { metadata: ObjectMeta }>(
  items: readonly T[],
  name: string,
  expectedNs = 'default',
  prefer: (item: T) => boolean = () => false,
): Found<T> | undefined {
  const matches = items.filter((i) => i.metadata.name === name);
  const rank = (i: T): number => (prefer(i) ? 0 : 2) + (nsOf(i.metadata) === expectedNs ? 0 : 1);
  const sorted = [...matches].sort((a, b) => rank(a) - rank(b) || nsOf(a.metadata).localeCompare(nsOf(b.metadata)));
  const first = sorted[0];
  if (first === undefined) return undefined;
  return { item: first, namespace: nsOf(first.metadata), namespaces: sorted.map((i) => nsOf(i.metadata)) };
}

/**
 * A note for the message when the object is not (only) where the question puts it, e.g.
 * "found in namespace `lab` (the question uses `default`; accepted)". Undefined when nothing to say.
 */
export function whereNote(kind: string, name: string, found: Found<unknown>, expectedNs = 'default'): Localized | undefined {
  const others = found.namespaces.slice(1);
  const parts: Localized[] = [];
  if (found.namespace !== expectedNs) {
    parts.push(
      t(
        `${kind} ${name} 位于命名空间 ${found.namespace}（题目使用 ${expectedNs}，仍然接受）。`,
        `${kind} ${name} is in namespace ${found.namespace} (the question uses ${expectedNs}; accepted).`,
      ),
    );
  }
  if (others.length > 0) {
    parts.push(
      t(
        `其他命名空间也有同名对象（${others.join(', ')}），评分使用 ${found.namespace} 中的那个。`,
        `Other namespaces also hold one (${others.join(', ')}); grading uses the one in ${found.namespace}.`,
      ),
    );
  }
  return parts.length === 0 ? undefined : joinText(parts);
}

/** Joins localized sentences with a space (en) or nothing (zh). */
export function joinText(parts: readonly (Localized | undefined)[]): Localized {
  const present = parts.filter((p): p is Localized => p !== undefined && p.en !== '');
  return t(present.map((p) => p.zh).join(''), present.map((p) => p.en).join(' '));
}

/** Appends an optional note to a message. */
export function withNote(message: Localized, note: Localized | undefined): Localized {
  return note === undefined ? message : joinText([message, note]);
}
