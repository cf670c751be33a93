// Test support: a strict XML 1.0 well-formedness check for the documents our reporters write
// (declaration, elements, attributes, character data, comments; no DTD). Throws on the first fault.

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*/;
const REF = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlElement[];
}

/** Parses the document and returns its root element; throws with the offset of the first fault. */
export function parseXmlStrict(xml: string): XmlElement {
  const fail = (at: number, why: string): never => {
    throw new Error(`not well-formed at ${at}: ${why} near ${JSON.stringify(xml.slice(at, at + 40))}`);
  };
  if (ILLEGAL.test(xml)) fail(xml.search(ILLEGAL), 'character not allowed in XML');
  let i = 0;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail(0, 'unterminated declaration');
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const text = (from: number, to: number) => {
    const chunk = xml.slice(from, to);
    if (chunk.includes(']]>')) fail(from + chunk.indexOf(']]>'), '"]]>" in character data');
    for (let k = chunk.indexOf('&'); k >= 0; k = chunk.indexOf('&', k + 1)) if (!REF.test(chunk.slice(k))) fail(from + k, 'bare &');
    if (stack.length === 0 && chunk.trim() !== '') fail(from, 'text outside the root element');
    const top = stack[stack.length - 1];
    if (top) top.text += decode(chunk);
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    text(i, lt < 0 ? xml.length : lt);
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) fail(lt, 'unterminated comment');
      i = end + 3;
      continue;
    }
    const closing = xml[lt + 1] === '/';
    let j = lt + (closing ? 2 : 1);
    const name = NAME.exec(xml.slice(j))?.[0] ?? fail(j, 'expected a name');
    j += name.length;
    if (closing) {
      const gt = /^\s*>/.exec(xml.slice(j)) ?? fail(j, 'expected >');
      const open = stack.pop() ?? fail(lt, `</${name}> without an open element`);
      if (open.name !== name) fail(lt, `</${name}> closes <${open.name}>`);
      i = j + gt[0].length;
      continue;
    }
    const el: XmlElement = { name, attrs: {}, text: '', children: [] };
    for (;;) {
      const end = /^\s*(\/?)>/.exec(xml.slice(j));
      if (end) {
        j += end[0].length;
        if (stack.length === 0) {
          if (root) fail(lt, 'second root element');
          root = el;
        } else stack[stack.length - 1]?.children.push(el);
        if (end[1] !== '/') stack.push(el);
        break;
      }
      const attr = /^\s+([A-Za-z_:][A-Za-z0-9_.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(xml.slice(j)) ?? fail(j, 'bad attribute');
      const key = attr[1] ?? '';
      if (key in el.attrs) fail(j, `duplicate attribute ${key}`);
      const raw = attr[3] ?? attr[4] ?? '';
      for (let k = raw.indexOf('&'); k >= 0; k = raw.indexOf('&', k + 1)) if (!REF.test(raw.slice(k))) fail(j, 'bare & in attribute');
      el.attrs[key] = decode(raw);
      j += attr[0].length;
    }
    i = j;
  }
  if (stack.length > 0) fail(xml.length, `<${stack[stack.length - 1]?.name}> not closed`);
  return root ?? fail(0, 'no root element');
}

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g, (_m, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[e]) return named[e];
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** All descendants (and the element itself) with the given name, in document order. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => findAll(c, name))];
}
