import type { Intention } from '../dictionary';
import type { Finding, Fix, TextDocumentInput, TextEdit } from '../types';

/**
 * Fixes for a finding. Every fix is a set of exact edits tied to the document version it was
 * computed for; an editor applies them only to that version, so no text is lost to a stale edit.
 */

/**
 * The HTML comments that mark words as intended in one document; invisible when rendered, and
 * there for reviewers to read:
 *   <!-- biolens-ignore: word, other -->
 *   <!-- biolens-intended: leflutrozole — studied here for male hypogonadism -->
 * In the second form a dash (—, – or a spaced hyphen) or a semicolon separates the words from
 * the writer's reason.
 */
export const ignoreCommentPattern = /<!--\s*biolens-(?:ignore|intended):([^]*?)-->/g;

/** What every intention comment holds: a text without it marks no word as intended. */
export const intentionMark = 'biolens-';

/** The words a document marks as intended, with their reasons, in the order written. */
export function documentIntentions(text: string): Intention[] {
  const out: Intention[] = [];
  if (!text.includes(intentionMark)) return out;
  for (const match of text.matchAll(ignoreCommentPattern)) {
    const { words, reason } = splitReason(match[1]);
    for (const w of words.split(/[,\s]+/)) if (w) out.push(reason ? { word: w.toLowerCase(), reason } : { word: w.toLowerCase() });
  }
  return out;
}

/** Where a comment body's words end and the writer's reason begins, if it gives one. */
function reasonSeparator(body: string): RegExpExecArray | null {
  return /\s[—–-]\s|[—–;]/.exec(body);
}

function splitReason(body: string): { words: string; reason?: string } {
  const separator = reasonSeparator(body);
  if (!separator) return { words: body };
  const reason = body.slice(separator.index + separator[0].length).trim();
  return { words: body.slice(0, separator.index), reason: reason || undefined };
}

/** Lower-case words a document marks as intended (either comment form). */
export function documentIgnoredWords(text: string): Set<string> {
  return new Set(documentIntentions(text).map((i) => i.word));
}

export function computeFixes(document: TextDocumentInput, finding: Finding, sameWordFindings: readonly Finding[]): Fix[] {
  const base = { uri: document.uri, version: document.version };
  const fixes: Fix[] = [];
  if (finding.code === 'drug-inconsistent') {
    // One fix makes the whole note consistent: every odd occurrence becomes the note's usual form.
    const suggestion = finding.data.suggestions[0];
    const occurrences = finding.data.occurrences ?? [finding];
    if (suggestion) {
      fixes.push({
        ...base,
        kind: occurrences.length > 1 ? 'replace-all' : 'replace',
        title: `Write '${suggestion.toLowerCase()}' throughout (${occurrences.length} ${occurrences.length === 1 ? 'place' : 'places'})`,
        edits: occurrences.map((o) => ({ start: o.start, end: o.end, newText: matchCase(suggestion.toLowerCase(), document.text.slice(o.start, o.end)) })),
        preferred: true,
        // A brand or a second spelling is a real name: rewriting it is the writer's choice.
        safe: false,
      });
    }
    fixes.push({
      ...base,
      kind: 'ignore-in-document',
      title: `Keep '${finding.text}' in this document`,
      edits: [ignoreEdit(document.text, finding.data.word)],
      safe: false,
    });
    return fixes;
  }
  finding.data.suggestions.forEach((suggestion, index) => {
    fixes.push({
      ...base,
      kind: 'replace',
      title: `Replace '${finding.text}' with '${suggestion}'`,
      edits: [replaceEdit(finding, suggestion)],
      preferred: index === 0,
      safe: index === 0 && isSafeUnattended(finding),
    });
  });
  const others = sameWordFindings.filter((f) => f.code === finding.code && f.data.word === finding.data.word);
  if (finding.data.suggestions.length > 0 && others.length > 1) {
    const suggestion = finding.data.suggestions[0];
    fixes.push({
      ...base,
      kind: 'replace-all',
      title: `Replace all ${others.length} '${finding.data.word}' with '${suggestion}'`,
      // A gene symbol has one right case ('C9orf72'); a drug name takes the case of the word it replaces.
      edits: others.map((f) => ({
        start: f.start,
        end: f.end,
        newText: f.code === 'gene-symbol-outdated' ? suggestion : matchCase(suggestion.toLowerCase(), f.text),
      })),
      safe: false,
    });
  }
  // A real drug kept on purpose: the dictionary line and the comment say so, with a reason the
  // writer can sharpen.
  const meant = finding.code === 'drug-lookalike' ? finding.data.suggestions[0]?.toLowerCase() : undefined;
  const reason = meant ? `meant as written, not ${meant}` : undefined;
  fixes.push({
    ...base,
    kind: 'add-to-dictionary',
    title: `Add '${finding.data.word}' to the workspace dictionary`,
    edits: [],
    dictionaryWord: finding.data.word,
    ...(reason ? { dictionaryReason: reason } : {}),
    safe: false,
  });
  if (reason) {
    fixes.push({
      ...base,
      kind: 'ignore-in-document',
      title: `Mark '${finding.data.word}' as intended in this document`,
      edits: [intendedEdit(document.text, finding.data.word, reason)],
      safe: false,
    });
  } else {
    fixes.push({
      ...base,
      kind: 'ignore-in-document',
      title: `Ignore '${finding.data.word}' in this document`,
      edits: [ignoreEdit(document.text, finding.data.word)],
      safe: false,
    });
  }
  return fixes;
}

/**
 * The edits fix-all applies: the safe fix of each finding (see isSafeUnattended), in
 * document order, skipping any that would overlap one already taken.
 */
export function safeFixEdits(findings: readonly Finding[]): TextEdit[] {
  const edits: TextEdit[] = [];
  let end = -1;
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    if (!isSafeUnattended(finding) || finding.start < end) continue;
    edits.push(replaceEdit(finding, finding.data.suggestions[0]));
    end = finding.end;
  }
  return edits;
}

/**
 * The fixes that may be applied without the writer choosing them, one per finding at most: the
 * spelling of a word that is no drug at all, when one standard drug name clearly wins; the
 * standard name for a misspelling the databases recorded; the English form of a drug written in
 * another language. A look-alike (a real drug), a brand or a consistency rewrite never qualifies.
 */
export function isSafeUnattended(finding: Finding): boolean {
  if (finding.data.suggestions.length === 0 || finding.data.unambiguous !== true) return false;
  return finding.code === 'drug-misspelling' || finding.code === 'drug-spelling-variant';
}

function replaceEdit(finding: Finding, suggestion: string): TextEdit {
  return { start: finding.start, end: finding.end, newText: suggestion };
}

/**
 * Adds the word to the word list of the document's last plain ignore comment — before its reason,
 * if it gives one, since words after the reason would be read as part of it — or appends a new
 * comment at the end of the document.
 */
function ignoreEdit(text: string, word: string): TextEdit {
  const existing = [...text.matchAll(/<!--\s*biolens-ignore:([^]*?)-->/g)].at(-1);
  if (existing && existing.index !== undefined) {
    const bodyStart = existing.index + existing[0].length - 3 - existing[1].length;
    const words = existing[1].slice(0, reasonSeparator(existing[1])?.index ?? existing[1].length).trimEnd();
    const at = bodyStart + words.length;
    return { start: at, end: at, newText: words.trim() === '' ? ` ${word}` : `, ${word}` };
  }
  return appendComment(text, `<!-- biolens-ignore: ${word} -->`);
}

/** Appends a comment marking a word intended, with its reason, at the end of the document. */
function intendedEdit(text: string, word: string, reason: string): TextEdit {
  return appendComment(text, `<!-- biolens-intended: ${word} — ${reason.replace(/-->/g, '')} -->`);
}

function appendComment(text: string, comment: string): TextEdit {
  const separator = text.length === 0 ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return { start: text.length, end: text.length, newText: `${separator}${comment}\n` };
}

/** Writes a suggestion in the case of the written word: 'Letrozole' for 'Leflurozole'. */
export function matchCase(suggestion: string, written: string): string {
  // Shouted words stay shouted; codes such as 'G1T28' say nothing about case.
  if (/^[A-Z]{2,}$/.test(written)) return suggestion.toUpperCase();
  if (written[0] !== written[0].toLowerCase()) return suggestion[0].toUpperCase() + suggestion.slice(1);
  return suggestion;
}

/** Applies edits to a text in one pass (for tests, the CLI and evaluations); edits must not overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    parts.push(text.slice(at, e.start), e.newText);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
