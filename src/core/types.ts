/**
 * Plain data shapes of the biolens language service. Nothing here knows of VS Code or LSP:
 * offsets are UTF-16 code-unit offsets into the document text, ranges are half-open.
 */

/** A half-open range of UTF-16 offsets into a document's text. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** The text of one document at one version. */
export interface TextDocumentInput {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
}

/** Cooperative cancellation, shaped like VS Code's and LSP's token so adapters pass theirs through. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const neverCancelled: CancellationToken = Object.freeze({ isCancellationRequested: false });

export class CancelledError extends Error {
  constructor() {
    super('biolens: the request was cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new CancelledError();
}

/**
 * Kinds of recognised entities. Pathways, cell lines, trials and endpoints come only from curated
 * cards; a family (gene family or protein complex: PI3K, NF-κB, cyclin-dependent kinases) from HGNC
 * gene groups and curated cards.
 */
export type EntityKind = 'drug' | 'gene' | 'biomarker' | 'pathway' | 'cell-line' | 'trial' | 'endpoint' | 'family';
export const entityKinds: readonly EntityKind[] = ['drug', 'gene', 'biomarker', 'pathway', 'cell-line', 'trial', 'endpoint', 'family'];

/** One recognised mention of an entity in a document. */
export interface EntityMention extends OffsetRange {
  /** The exact source text of the mention. */
  readonly text: string;
  readonly kind: EntityKind;
  /** Stable identifier: `HGNC:3430`, `DB01006`, `CHEMBL…`, or `biolens:…` for curated-only entities. */
  readonly id: string;
  /** Approved HGNC symbol for genes, lower-case generic name for drugs, curated name for biomarkers. */
  readonly canonical: string;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Stable codes of findings (one rule each, see findings/registry.ts). Settings, suppressions and docs refer to these strings. */
export type FindingCode =
  'drug-misspelling' | 'drug-lookalike' | 'drug-inconsistent' | 'drug-spelling-variant' | 'gene-symbol-outdated' | 'abbreviation-before-definition';
/** Typed payload a finding carries, so that code actions can be computed from it alone. */
export interface FindingData {
  /** Suggested replacements, best first. */
  readonly suggestions: readonly string[];
  /** The canonical id of the written entity, for real-word mix-ups. */
  readonly writtenId?: string;
  /** The normalised word the finding is about (what dictionaries and ignores match). */
  readonly word: string;
  /**
   * For drug-inconsistent: every place the odd form is written, so that one fix makes the whole
   * note consistent (the finding itself sits on the first of them).
   */
  readonly occurrences?: readonly OffsetRange[];
  /** The canonical id of the drug a look-alike or inconsistency finding says is meant. */
  readonly meantId?: string;
  /**
   * The first suggestion is certainly the drug meant: for a slip, it wins on spelling alone by a
   * clear margin, with no close second and no help from the context; for a recorded misspelling
   * or a foreign form, it is a spelling of the written form itself. Only then may it be applied
   * unattended.
   */
  readonly unambiguous?: boolean;
}

export interface Finding extends OffsetRange {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly message: string;
  /** The exact flagged source text. */
  readonly text: string;
  readonly data: FindingData;
}

/** One exact text replacement. */
export interface TextEdit extends OffsetRange {
  readonly newText: string;
}

export type FixKind = 'replace' | 'replace-all' | 'add-to-dictionary' | 'ignore-in-document';

/** A fix for a finding: edits to the document, or a word to add to the workspace dictionary. */
export interface Fix {
  readonly kind: FixKind;
  readonly title: string;
  /** The document and version the edits were computed for; stale edits must not be applied. */
  readonly uri: string;
  readonly version: number;
  /** Edits to the document (empty for add-to-dictionary, which edits the dictionary file). */
  readonly edits: readonly TextEdit[];
  /** For add-to-dictionary: the word to append to the workspace dictionary. */
  readonly dictionaryWord?: string;
  /** For add-to-dictionary: why the word is intended, written after it as a comment. */
  readonly dictionaryReason?: string;
  /** True for the fix an editor shows first (VS Code's `isPreferred`). */
  readonly preferred?: boolean;
  /**
   * True only for a fix that may be applied unattended (fix-all, fix-on-save, `biolens check
   * --fix`): the unambiguous spelling of a drug-misspelling. Never true for a fix that changes a
   * real drug name, a brand or a consistency rewrite.
   */
  readonly safe: boolean;
}

/** What analysing a document yields. */
export interface DocumentAnalysis {
  readonly uri: string;
  readonly version: number;
  readonly entities: readonly EntityMention[];
  readonly findings: readonly Finding[];
}

/** A hover card: markdown text and the range it describes. */
export interface HoverCard extends OffsetRange {
  readonly markdown: string;
}
