/** Splitting one iptables-save rule line into words, as iptables-restore does. */

/** A token of a rule line: its text and whether it was quoted (quoted tokens are always values). */
export interface Token {
  text: string;
  quoted: boolean;
}

/**
 * Splits a rule line like iptables-restore does: whitespace separates, double quotes group,
 * and inside quotes a backslash escapes the next character (`\"`, `\\`). Single quotes are
 * accepted too (no escapes inside). Returns an error message for an unterminated quote.
 */
export function tokenize(line: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    let text = '';
    let quoted = false;
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') {
      const ch = line[i] as string;
      if (ch === '"' || ch === "'") {
        quoted = true;
        const close = ch;
        i++;
        let closed = false;
        while (i < line.length) {
          const q = line[i] as string;
          if (q === close) {
            closed = true;
            i++;
            break;
          }
          if (q === '\\' && close === '"' && i + 1 < line.length) {
            text += line[i + 1];
            i += 2;
            continue;
          }
          text += q;
          i++;
        }
        if (!closed) return `unterminated ${close === '"' ? 'double' : 'single'} quote`;
      } else {
        text += ch;
        i++;
      }
    }
    tokens.push({ text, quoted });
  }
  return tokens;
}
