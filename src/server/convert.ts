import { DiagnosticSeverity, SymbolKind, type Diagnostic, type DocumentSymbol, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EntityKind, EntityMention, Finding, OffsetRange, Severity } from '../core/types';
import type { DictionaryAuditFinding } from '../core';
import { groupBy } from '../core/util/collections';
import { diagnosticSource, findingPageUri, type EntitySummary } from './protocol';

export function toRange(document: TextDocument, range: OffsetRange): Range {
  return { start: document.positionAt(range.start), end: document.positionAt(range.end) };
}

const lspSeverity: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * A finding as an LSP diagnostic; `data` carries the finding's payload (suggestions, word), and
 * the code links to the page about that code shipped with the extension (a local file: no network).
 */
export function toDiagnostic(document: TextDocument, finding: Finding, findingPagesUri?: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(document, finding),
    severity: lspSeverity[finding.severity],
    code: finding.code,
    source: diagnosticSource,
    message: finding.message,
    data: { ...finding.data, code: finding.code },
  };
  if (findingPagesUri) diagnostic.codeDescription = { href: findingPageUri(findingPagesUri, finding.code) };
  return diagnostic;
}

/** A dictionary entry that hides a slip, as a diagnostic on the dictionary file. */
export function toAuditDiagnostic(document: TextDocument, finding: DictionaryAuditFinding): Diagnostic {
  return {
    range: toRange(document, finding),
    severity: lspSeverity[finding.severity],
    code: finding.code,
    source: diagnosticSource,
    message: finding.message,
    data: { word: finding.word, drug: finding.drug, code: finding.code },
  };
}

/** True when a client's diagnostic is the one published for this finding. */
export function sameFinding(document: TextDocument, diagnostic: Diagnostic, finding: Finding): boolean {
  return (
    diagnostic.source === diagnosticSource &&
    diagnostic.code === finding.code &&
    document.offsetAt(diagnostic.range.start) === finding.start &&
    document.offsetAt(diagnostic.range.end) === finding.end
  );
}

/**
 * The symbol kind, and so the Outline icon, of each entity kind. VS Code draws several kinds
 * with one icon (Namespace, Module, Package and Object share `{}`; Function, Method and
 * Constructor a cube), so each entity kind takes a kind whose icon no other one has.
 */
export const symbolKinds: Readonly<Record<EntityKind, SymbolKind>> = {
  drug: SymbolKind.Function,
  gene: SymbolKind.Class,
  biomarker: SymbolKind.Property,
  pathway: SymbolKind.Struct,
  'cell-line': SymbolKind.Field,
  trial: SymbolKind.Event,
  endpoint: SymbolKind.Constant,
  family: SymbolKind.Module,
};

/** Entities of a document in order of first mention, each with its mentions. */
export function groupEntities(mentions: readonly EntityMention[]): { kind: EntityKind; id: string; canonical: string; mentions: EntityMention[] }[] {
  return [...groupBy(mentions, (m) => `${m.kind}\0${m.id}`).values()].map((group) => ({
    kind: group[0].kind,
    id: group[0].id,
    canonical: group[0].canonical,
    mentions: group,
  }));
}

export function toEntitySummaries(document: TextDocument, mentions: readonly EntityMention[]): EntitySummary[] {
  return groupEntities(mentions).map((g) => ({
    kind: g.kind,
    id: g.id,
    canonical: g.canonical,
    mentions: g.mentions.map((m) => ({ text: m.text, range: toRange(document, m) })),
  }));
}

/**
 * The outline: one symbol per entity, in order of first mention. Its range is its first mention
 * only, so the breadcrumb and the problem badges of the words between its mentions are not
 * its own; the other mentions are its children.
 */
export function toDocumentSymbols(document: TextDocument, mentions: readonly EntityMention[]): DocumentSymbol[] {
  return groupEntities(mentions).map((g) => {
    const first = toRange(document, g.mentions[0]);
    const children: DocumentSymbol[] = g.mentions.slice(1).map((m) => {
      const range = toRange(document, m);
      return { name: m.text, detail: `line ${range.start.line + 1}`, kind: symbolKinds[g.kind], range, selectionRange: range };
    });
    return {
      name: g.canonical,
      detail: `${g.kind} ${g.id}, ${g.mentions.length} mention${g.mentions.length === 1 ? '' : 's'}`,
      kind: symbolKinds[g.kind],
      range: first,
      selectionRange: first,
      children,
    };
  });
}

/**
 * The mentions to colour: those of the kinds `biolens.highlight` names, and none inside a
 * heading, which keeps the theme's heading style (a coloured word in it reads as a second style).
 * Both lists are in document order.
 */
export function mentionsToColour(mentions: readonly EntityMention[], headings: readonly OffsetRange[], kinds: readonly EntityKind[]): EntityMention[] {
  let next = 0;
  return mentions.filter((m) => {
    while (next < headings.length && headings[next].end <= m.start) next++;
    return kinds.includes(m.kind) && !(next < headings.length && headings[next].start < m.end);
  });
}

/**
 * Semantic tokens (LSP's relative encoding) for the mentions, one token per line a mention
 * covers, since clients need not support tokens spanning lines.
 */
export function encodeSemanticTokens(document: TextDocument, mentions: readonly EntityMention[], tokenType: (kind: EntityKind) => number): number[] {
  const data: number[] = [];
  let previousLine = 0;
  let previousChar = 0;
  const push = (line: number, char: number, length: number, type: number): void => {
    if (length <= 0) return;
    data.push(line - previousLine, line === previousLine ? char - previousChar : char, length, type, 0);
    previousLine = line;
    previousChar = char;
  };
  for (const m of mentions) {
    const start = document.positionAt(m.start);
    const end = document.positionAt(m.end);
    const type = tokenType(m.kind);
    if (start.line === end.line) {
      push(start.line, start.character, end.character - start.character, type);
      continue;
    }
    for (let line = start.line; line <= end.line; line++) {
      const lineStart = line === start.line ? m.start : document.offsetAt({ line, character: 0 });
      const lineEnd = line === end.line ? m.end : document.offsetAt({ line: line + 1, character: 0 });
      const text = document
        .getText()
        .slice(lineStart, lineEnd)
        .replace(/[\r\n]+$/, '');
      push(line, line === start.line ? start.character : 0, text.length, type);
    }
  }
  return data;
}
