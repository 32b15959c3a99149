import type { Finding, Fix, TextDocumentInput, TextEdit } from '../types';

/**
 * Fixes for a finding. Every fix is a set of exact edits tied to the document version it was
 * computed for; an editor applies them only to that version, so no text is lost to a stale edit.
 */

/** The HTML comment that marks words as intended in one document; invisible when rendered. */
export const ignoreCommentPattern = /<!--\s*biolens-ignore:([^]*?)-->/g;

/** Lower-case words a document marks as intended with `<!-- biolens-ignore: word, other -->`. */
export function documentIgnoredWords(text: string): Set<string> {
  const words = new Set<string>();
  if (!text.includes('biolens-ignore')) return words;
  for (const match of text.matchAll(ignoreCommentPattern)) {
    for (const w of match[1].split(/[,\s]+/)) if (w) words.add(w.toLowerCase());
  }
  return words;
}

export function computeFixes(document: TextDocumentInput, finding: Finding, sameWordFindings: readonly Finding[]): Fix[] {
  const base = { uri: document.uri, version: document.version };
  const fixes: Fix[] = [];
  finding.data.suggestions.forEach((suggestion, index) => {
    fixes.push({
      ...base,
      kind: 'replace',
      title: `Replace '${finding.text}' with '${suggestion}'`,
      edits: [{ start: finding.start, end: finding.end, newText: suggestion }],
      preferred: index === 0,
    });
  });
  const others = sameWordFindings.filter((f) => f.code === finding.code && f.data.word === finding.data.word);
  if (finding.data.suggestions.length > 0 && others.length > 1) {
    const suggestion = finding.data.suggestions[0];
    fixes.push({
      ...base,
      kind: 'replace-all',
      title: `Replace all ${others.length} '${finding.data.word}' with '${suggestion}'`,
      edits: others.map((f) => ({ start: f.start, end: f.end, newText: matchCase(suggestion.toLowerCase(), f.text) })),
    });
  }
  fixes.push({
    ...base,
    kind: 'add-to-dictionary',
    title: `Add '${finding.data.word}' to the workspace dictionary`,
    edits: [],
    dictionaryWord: finding.data.word,
  });
  fixes.push({ ...base, kind: 'ignore-in-document', title: `Ignore '${finding.data.word}' in this document`, edits: [ignoreEdit(document.text, finding.data.word)] });
  return fixes;
}

/** Adds the word to the document's ignore comment, or appends one at the end of the document. */
function ignoreEdit(text: string, word: string): TextEdit {
  const existing = [...text.matchAll(ignoreCommentPattern)].at(-1);
  if (existing && existing.index !== undefined) {
    const closing = existing.index + existing[0].length - 3;
    const before = text.slice(existing.index, closing).trimEnd();
    const at = existing.index + before.length;
    return { start: at, end: at, newText: before.endsWith(':') ? ` ${word}` : `, ${word}` };
  }
  const separator = text.length === 0 ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return { start: text.length, end: text.length, newText: `${separator}<!-- biolens-ignore: ${word} -->\n` };
}

/** Writes a suggestion in the case of the written word: 'Letrozole' for 'Leflurozole'. */
export function matchCase(suggestion: string, written: string): string {
  // Shouted words stay shouted; codes such as 'G1T28' say nothing about case.
  if (/^[A-Z]{2,}$/.test(written)) return suggestion.toUpperCase();
  if (written[0] !== written[0].toLowerCase()) return suggestion[0].toUpperCase() + suggestion.slice(1);
  return suggestion;
}

/** Applies edits to a text (for tests and the CLI); edits must not overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
