import { renderCard } from './cards/card';
import { DocumentContext } from './findings/context';
import { findDrugFindings } from './findings/drugFindings';
import { computeFixes, documentIgnoredWords } from './fixes/fixes';
import { ProseExtractor } from './markdown/prose';
import { CachingRecognizer, recognize, type Recognition } from './recognize/recognizer';
import { defaultSettings, type BiolensSettings } from './settings';
import {
  neverCancelled,
  throwIfCancelled,
  type CancellationToken,
  type DocumentAnalysis,
  type Finding,
  type Fix,
  type HoverCard,
  type TextDocumentInput,
} from './types';
import type { Vocabulary } from './vocabulary/vocabulary';

export interface LanguageServiceOptions {
  vocabulary: Vocabulary;
  settings?: BiolensSettings;
}

export interface LanguageService {
  /** Recognised entities and findings of a document. Rejects with CancelledError when cancelled. */
  analyze(document: TextDocumentInput, token?: CancellationToken): Promise<DocumentAnalysis>;
  /** The hover card for the entity or finding at an offset, if any. */
  hover(document: TextDocumentInput, offset: number, token?: CancellationToken): Promise<HoverCard | undefined>;
  /** The fixes for one finding of this document version. */
  fixes(document: TextDocumentInput, finding: Finding): Fix[];
  /** The card for a term typed by a user (`biolens explain letrozole`), or undefined if unknown. */
  explain(term: string): string | undefined;
  /** Replaces the settings; the next analysis uses them. */
  updateSettings(settings: BiolensSettings): void;
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  return new BiolensLanguageService(options.vocabulary, options.settings ?? defaultSettings);
}

interface CachedAnalysis {
  version: number;
  text: string;
  analysis: DocumentAnalysis;
  recognitions: Recognition[];
  /** Remembers each prose segment's terms, so the next version rescans only what changed. */
  recognizer: CachingRecognizer;
}

/** How many documents' latest analyses are kept for hover and fixes. */
const cachedDocuments = 64;

class BiolensLanguageService implements LanguageService {
  /** One extractor per service: its block cache makes re-analysis after an edit cheap. */
  private readonly prose = new ProseExtractor();
  private readonly analyses = new Map<string, CachedAnalysis>();

  constructor(
    private readonly vocabulary: Vocabulary,
    private settings: BiolensSettings,
  ) {}

  updateSettings(settings: BiolensSettings): void {
    this.settings = settings;
    this.analyses.clear();
  }

  async analyze(document: TextDocumentInput, token: CancellationToken = neverCancelled): Promise<DocumentAnalysis> {
    return this.analyzeNow(document, token).analysis;
  }

  async hover(document: TextDocumentInput, offset: number, token: CancellationToken = neverCancelled): Promise<HoverCard | undefined> {
    const cached = this.analyzeNow(document, token);
    const finding = cached.analysis.findings.find((f) => f.start <= offset && offset < f.end);
    if (finding) {
      const parts = [`**${finding.code}**: ${finding.message}`];
      const best = finding.data.suggestions[0] && this.cardFor(finding.data.suggestions[0]);
      if (best) parts.push('---', best);
      return { start: finding.start, end: finding.end, markdown: parts.join('\n\n') };
    }
    const mention = binarySearchMention(cached.recognitions, offset);
    if (!mention || !this.settings.cards[mention.kind]) return undefined;
    return { start: mention.start, end: mention.end, markdown: this.renderEntity(mention.entity) };
  }

  fixes(document: TextDocumentInput, finding: Finding): Fix[] {
    const cached = this.analyzeNow(document, neverCancelled);
    return computeFixes(document, finding, cached.analysis.findings);
  }

  explain(term: string): string | undefined {
    return this.cardFor(term);
  }

  private cardFor(term: string): string | undefined {
    const text = term.trim();
    if (!text) return undefined;
    const { mentions } = recognize(text, [{ start: 0, end: text.length }], this.vocabulary);
    const whole = mentions.find((m) => m.start === 0 && m.end === text.length) ?? (mentions.length === 1 ? mentions[0] : undefined);
    return whole ? this.renderEntity(whole.entity) : undefined;
  }

  private renderEntity(index: number): string {
    return renderCard(this.vocabulary.entity(index));
  }

  /** Analyses synchronously (the work is CPU-bound), reusing the cached result for the same version. */
  private analyzeNow(document: TextDocumentInput, token: CancellationToken): CachedAnalysis {
    const cached = this.analyses.get(document.uri);
    if (cached && cached.version === document.version && cached.text === document.text) return cached;
    throwIfCancelled(token);
    const segments = this.prose.segments(document.text, token);
    throwIfCancelled(token);
    const recognizer = cached?.recognizer ?? new CachingRecognizer(this.vocabulary);
    const { mentions, unmatched, contextPhrases } = recognizer.recognize(document.text, segments);
    throwIfCancelled(token);
    const ignored = new Set([...this.settings.ignoredWords.map((w) => w.toLowerCase()), ...documentIgnoredWords(document.text)]);
    const context = new DocumentContext(mentions, contextPhrases, this.vocabulary);
    const findings = findDrugFindings({ text: document.text, mentions, unmatched, context, vocabulary: this.vocabulary, settings: this.settings, ignored });
    const analysis: DocumentAnalysis = {
      uri: document.uri,
      version: document.version,
      entities: mentions,
      findings,
    };
    const entry = { version: document.version, text: document.text, analysis, recognitions: mentions, recognizer };
    this.analyses.delete(document.uri);
    this.analyses.set(document.uri, entry);
    if (this.analyses.size > cachedDocuments) this.analyses.delete(this.analyses.keys().next().value!);
    return entry;
  }
}

function binarySearchMention(mentions: readonly Recognition[], offset: number): Recognition | undefined {
  let lo = 0;
  let hi = mentions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const m = mentions[mid];
    if (offset < m.start) hi = mid - 1;
    else if (offset >= m.end) lo = mid + 1;
    else return m;
  }
  return undefined;
}
