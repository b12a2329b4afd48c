// Texts kept for the life of a cluster (uids, generated names, event names and messages) are
// built by concatenation, which V8 stores as a tree of pieces (a "cons string", 400 bytes for a
// 36-character uid instead of 70). Reading one character flattens it in place.

/** The same text, flattened: for strings that are stored, not for temporaries. */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}
