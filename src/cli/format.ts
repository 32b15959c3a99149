import type { SeveritySetting } from '../core/settings';
import { findingCodeDescriptions, findingCodes } from '../core/findings/registry';
import { type DocumentAnalysis, type EntityKind, type FindingCode, type OffsetRange, type Severity } from '../core/types';
import { createLineIndex, type LineIndex } from './positions';
import type { DictionaryAuditFinding } from '../core';

/**
 * The CLI's output records and formats. The JSON shapes are a contract other tools read:
 * field names, order and meaning must not change. Lines and columns are 1-based, columns count
 * UTF-16 code units, and the end is exclusive.
 */
export interface LocatedRecord {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The exact source text of the range. */
  readonly text: string;
}

export interface FindingRecord extends LocatedRecord {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly message: string;
  readonly suggestions: string[];
}

export interface EntityRecord extends LocatedRecord {
  /** UTF-16 offsets into the note's text, half-open. */
  readonly start: number;
  readonly end: number;
  readonly kind: EntityKind;
  readonly id: string;
  readonly canonical: string;
}

function locate(file: string, source: string, lines: LineIndex, range: OffsetRange): LocatedRecord {
  const start = lines.position(range.start);
  const end = lines.position(range.end);
  return {
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    text: source.slice(range.start, range.end),
  };
}

function byPosition(a: OffsetRange, b: OffsetRange): number {
  return a.start - b.start || a.end - b.end;
}

/** The findings of one analysed note as output records, in document order. */
export function findingRecords(file: string, source: string, analysis: DocumentAnalysis): FindingRecord[] {
  const lines = createLineIndex(source);
  return [...analysis.findings].sort(byPosition).map((finding) => ({
    ...locate(file, source, lines, finding),
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    suggestions: [...finding.data.suggestions],
  }));
}

/** The recognised entities of one analysed note as output records, in document order. */
export function entityRecords(file: string, source: string, analysis: DocumentAnalysis): EntityRecord[] {
  const lines = createLineIndex(source);
  return [...analysis.entities].sort(byPosition).map((entity) => ({
    ...locate(file, source, lines, entity),
    start: entity.start,
    end: entity.end,
    kind: entity.kind,
    id: entity.id,
    canonical: entity.canonical,
  }));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Keeps one record on one output line whatever the message or source text holds. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * `path:line:col: warning code: message [suggestions: a, b]` lines and a summary line; nothing
 * at all when no file was checked.
 */
export function formatFindingsText(records: readonly FindingRecord[], filesChecked: number): string {
  if (filesChecked === 0) return '';
  let out = '';
  for (const r of records) {
    const suggestions = r.suggestions.length > 0 ? ` [suggestions: ${r.suggestions.join(', ')}]` : '';
    out += `${r.file}:${r.line}:${r.column}: ${r.severity} ${r.code}: ${oneLine(r.message)}${suggestions}\n`;
  }
  out += `${plural(records.length, 'finding')} in ${plural(filesChecked, 'file')}\n`;
  return out;
}

/** `dictionary:line:col: information dictionary-hides-slip: message`, one line per entry. */
export function formatDictionaryAuditText(file: string, text: string, findings: readonly DictionaryAuditFinding[]): string {
  if (findings.length === 0) return '';
  const lines = createLineIndex(text);
  let out = '';
  for (const f of findings) {
    const at = lines.position(f.start);
    out += `${file}:${at.line}:${at.column}: ${f.severity} ${f.code}: ${oneLine(f.message)}\n`;
  }
  return out;
}

/** `path:line:col: gene ERBB2 (HGNC:3430) "HER-2/neu"`, one line per entity. */
export function formatEntitiesText(records: readonly EntityRecord[]): string {
  let out = '';
  for (const r of records) {
    out += `${r.file}:${r.line}:${r.column}: ${r.kind} ${r.canonical} (${r.id}) ${JSON.stringify(r.text)}\n`;
  }
  return out;
}

/** The JSON contract of `check --format json`: an array of findings. */
export function formatFindingsJson(records: readonly FindingRecord[]): string {
  const out = records.map((r) => ({
    file: r.file,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    text: r.text,
    code: r.code,
    severity: r.severity,
    message: r.message,
    suggestions: r.suggestions,
  }));
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** One mention as the JSON contract of `annotate` writes it. */
function entityJson(r: EntityRecord) {
  return {
    file: r.file,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    text: r.text,
    kind: r.kind,
    id: r.id,
    canonical: r.canonical,
  };
}

/** The JSON contract of `annotate --format json`: an array of entity mentions. */
export function formatEntitiesJson(records: readonly EntityRecord[]): string {
  return `${JSON.stringify(records.map(entityJson), null, 2)}\n`;
}

/**
 * The JSON lines contract of `annotate --format jsonl`: one object per mention and line, with
 * the UTF-16 offsets beside the line and column, so a corpus tool can slice the note directly.
 */
export function formatEntitiesJsonLines(records: readonly EntityRecord[]): string {
  let out = '';
  for (const r of records) {
    const { file, ...located } = entityJson(r);
    out += `${JSON.stringify({ file, start: r.start, end: r.end, ...located })}\n`;
  }
  return out;
}

/** A SARIF rule name from a finding code: 'drug-misspelling' → 'DrugMisspelling'. */
function ruleName(code: FindingCode): string {
  return code.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export function sarifLevel(severity: Severity): SarifLevel {
  switch (severity) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'information':
    case 'hint':
      return 'note';
  }
}

/** A path for SARIF's artifactLocation.uri: a relative URI reference, or a file URI for absolute paths. */
export function sarifUri(file: string): string {
  if (file.startsWith('/')) return `file://${file.split('/').map(encodeURIComponent).join('/')}`;
  if (/^[A-Za-z]:\//.test(file)) {
    return `file:///${file.slice(0, 2)}${file.slice(2).split('/').map(encodeURIComponent).join('/')}`;
  }
  return file.split('/').map(encodeURIComponent).join('/');
}

/**
 * A SARIF 2.1.0 log with one run, for code scanning. Every finding code is a rule; a code set to
 * 'ignore' is listed as disabled. The best suggestion becomes the result's fix.
 */
export function formatFindingsSarif(
  records: readonly FindingRecord[],
  toolVersion: string,
  severityByCode: Readonly<Record<FindingCode, SeveritySetting>>,
): string {
  const rules = findingCodes.map((code) => {
    const configured = severityByCode[code];
    return {
      id: code,
      name: ruleName(code),
      shortDescription: { text: findingCodeDescriptions[code] },
      defaultConfiguration: configured === 'ignore' ? { enabled: false, level: 'none' } : { level: sarifLevel(configured) },
    };
  });
  const results = records.map((r) => {
    const uri = sarifUri(r.file);
    const region = { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
    const best = r.suggestions[0];
    return {
      ruleId: r.code,
      ruleIndex: findingCodes.indexOf(r.code),
      level: sarifLevel(r.severity),
      message: { text: r.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri },
            region: { ...region, snippet: { text: r.text } },
          },
        },
      ],
      ...(best === undefined
        ? {}
        : {
            fixes: [
              {
                description: { text: `Replace with '${best}'` },
                artifactChanges: [
                  {
                    artifactLocation: { uri },
                    replacements: [{ deletedRegion: region, insertedContent: { text: best } }],
                  },
                ],
              },
            ],
          }),
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'biolens', version: toolVersion, semanticVersion: toolVersion, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
