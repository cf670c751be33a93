import { plainText } from './text-safety.ts';

// Characters XML 1.0 forbids anywhere (lone surrogates, U+FFFE/U+FFFF, C0 controls but tab/LF/CR).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Makes text safe as XML character data: no escapes, no forbidden characters, markup escaped. */
export function xmlText(text: string): string {
  return plainText(text).replace(NOT_XML_CHAR, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Makes text safe inside a double-quoted attribute; newlines kept as character references. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
