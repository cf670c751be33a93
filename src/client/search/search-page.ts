/**
 * The search page's script: loads Pagefind's browser API from the built index (/pagefind/, made by
 * src/lessons/search/ at build time; it picks the index of the page's <html lang>), runs the query
 * in `?q=`, and renders the results. Excerpts are rebuilt as text plus <mark>, never inserted as
 * HTML, so nothing in an indexed page can inject markup here.
 */

interface SubResult {
  title: string;
  url: string;
  excerpt: string;
}
interface ResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: SubResult[];
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  search(q: string): Promise<{ results: { data(): Promise<ResultData> }[] }>;
}

const MAX_RESULTS = 12;
const MAX_SUB = 3;
const INDEX_URL = '/pagefind/pagefind.js';

let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  // A variable URL: the bundler must not try to resolve the index, which exists only after a build.
  const url = INDEX_URL;
  pagefind ??= (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (pf) => {
    await pf.options({ excerptLength: 24 });
    return pf;
  });
  return pagefind;
}

/** Pagefind's excerpt (`text <mark>hit</mark> text`) as DOM nodes: text and <mark> only. */
function excerptNodes(excerpt: string): Node[] {
  const doc = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html');
  const nodes: Node[] = [];
  for (const child of doc.body.firstChild?.childNodes ?? []) {
    if (child.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = child.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(child.textContent ?? ''));
    }
  }
  return nodes;
}

/** Only links inside this site. */
function safeHref(url: string): string {
  return url.startsWith('/') && !url.startsWith('//') ? url : '/';
}

function renderResult(data: ResultData): HTMLLIElement {
  const li = document.createElement('li');
  const h2 = document.createElement('h2');
  const a = document.createElement('a');
  a.href = safeHref(data.url);
  a.textContent = data.meta.title ?? data.url;
  h2.append(a);
  const p = document.createElement('p');
  p.append(...excerptNodes(data.excerpt));
  li.append(h2, p);
  // The page's own title comes back as a sub-result (the h1 has an id); it adds nothing.
  const subs = (data.sub_results ?? []).filter((s) => s.url !== data.url && s.title !== data.meta.title).slice(0, MAX_SUB);
  if (subs.length > 0) {
    const ul = document.createElement('ul');
    for (const sub of subs) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = safeHref(sub.url);
      link.textContent = sub.title;
      const ex = document.createElement('p');
      ex.append(...excerptNodes(sub.excerpt));
      item.append(link, ex);
      ul.append(item);
    }
    li.append(ul);
  }
  return li;
}

async function run(query: string, status: HTMLElement, list: HTMLElement): Promise<void> {
  // {n} first: a query may itself contain "{n}".
  const say = (key: string, n = 0) => (status.textContent = (status.dataset[key] ?? '').replace('{n}', String(n)).replace('{q}', query));
  list.replaceChildren();
  if (!query) return void (status.textContent = '');
  say('loading');
  let pf: Pagefind;
  try {
    pf = await loadPagefind();
  } catch {
    return void say('noIndex');
  }
  say('searching');
  const found = await pf.search(query);
  const data = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  list.replaceChildren(...data.map(renderResult));
  if (data.length === 0) say('none');
  else if (found.results.length === 1) say('resultOne');
  else say('results', found.results.length);
}

export function startSearchPage(): void {
  const form = document.querySelector<HTMLFormElement>('[data-search-form]');
  const input = form?.querySelector<HTMLInputElement>('input[name=q]');
  const status = document.querySelector<HTMLElement>('[data-search-status]');
  const list = document.querySelector<HTMLElement>('[data-search-results]');
  if (!form || !input || !status || !list) return;
  const query = new URLSearchParams(location.search).get('q')?.trim().slice(0, 100) ?? '';
  input.value = query;
  void run(query, status, list);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value.trim();
    history.replaceState(null, '', q ? `?q=${encodeURIComponent(q)}` : location.pathname);
    void run(q, status, list);
  });
}
