/**
 * Texts in reports carry data from the learner's cluster (names, labels, iptables comments), so
 * before they reach a terminal or an XML file we drop escape sequences and control characters:
 * a Pod name must never move the cursor, retitle a window or write the clipboard.
 */

// CSI (ESC [ … final), OSC (ESC ] … BEL or ST), other two-byte escapes, and 8-bit CSI.

const ESCAPE_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// C0 controls except tab and newline, DEL, and C1 controls.

const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Removes ANSI escape sequences and control characters (keeps tab and newline; CRLF → LF). */
export function plainText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ESCAPE_SEQUENCES, '').replace(CONTROLS, '');
}
