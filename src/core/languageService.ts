import { auditDictionary, type DictionaryAuditFinding } from './findings/dictionaryAudit';
import { rankingWeights, type RankingWeights } from './findings/ranking';
import { escapeMarkdown, renderCard, type CardOptions } from './cards/card';
import { DocumentContext, type CarriedContext } from './findings/context';
import { ProseContentWords, SourceIndications } from './findings/indications';
import { KeptJudgements } from './findings/judgements';
import { findingSteps } from './findings/review';
import { computeFixes, documentIgnoredWords, intentionMark, safeFixEdits } from './fixes/fixes';
import { ProseExtractor } from './markdown/prose';
import { CachingRecognizer, recognize, type Recognition } from './recognize/recognizer';
import { noteEdit, type NoteEdit } from './recognize/keptRuns';
import { definitionNote, isAbbreviationMention, NoteAbbreviations } from './recognize/abbreviations';
import { defaultSettings, type BiolensSettings } from './settings';
import { runInSlices, runToEnd, type Steps, type YieldToHost } from './steps';
import {
  CancelledError,
  throwIfCancelled,
  type CancellationToken,
  type DocumentAnalysis,
  type EntityMention,
  type OffsetRange,
  type Finding,
  type Fix,
  type HoverCard,
  type TextDocumentInput,
  type TextEdit,
} from './types';
import { LruMap } from './util/collections';
import type { Tagger } from './tagger/tagger';
import type { UnresolvedMention } from './recognize/tagged';
import { renderUnresolvedCard } from './cards/unresolvedCard';
import type { Vocabulary } from './vocabulary/vocabulary';
import type { WordSet } from './findings/rule';

export interface LanguageServiceOptions {
  vocabulary: Vocabulary;
  settings?: BiolensSettings;
  /**
   * Given by hosts with one thread that must stay responsive (the language server): analyses
   * then run in slices of a few milliseconds and give the host a turn between them. Without it,
   * an analysis runs straight through (the CLI).
   */
  yieldToHost?: YieldToHost;
  /** How misspelling suggestions are ranked; hosts leave it out, the mix-up evaluation's tuner varies it. */
  rankingWeights?: RankingWeights;
  /**
   * The learned tagger of gene/protein and chemical mentions (src/core/tagger/). Without it,
   * recognition is the vocabulary's alone.
   */
  tagger?: Tagger;
}

export interface LanguageService {
  /**
   * Recognised entities and findings of a document. Requests for the version being analysed share
   * that analysis; a request for a newer version abandons it. Rejects with CancelledError when
   * cancelled or abandoned.
   */
  analyze(document: TextDocumentInput, token: CancellationToken): Promise<DocumentAnalysis>;
  /** The hover card for the entity or finding at an offset, if any. */
  hover(document: TextDocumentInput, offset: number, token: CancellationToken): Promise<HoverCard | undefined>;
  /** The fixes for one finding of this document version, offered one at a time. */
  fixes(document: TextDocumentInput, finding: Finding, token: CancellationToken): Promise<Fix[]>;
  /**
   * The edits of every fix that is safe to apply unattended (fix-all, fix-on-save, `check --fix`),
   * without overlaps, in document order.
   */
  safeFixEdits(document: TextDocumentInput, token: CancellationToken): Promise<TextEdit[]>;
  /** The card for a term typed by a user (`biolens explain letrozole`), or undefined if unknown. */
  explain(term: string): string | undefined;
  /** A workspace dictionary's entries that hide a slip of a known drug (dictionaryAudit.ts). */
  auditDictionary(text: string): DictionaryAuditFinding[];
  /** Replaces the settings; the next analysis uses them. */
  updateSettings(settings: BiolensSettings): void;
  /** Forgets what is kept for a document (it was closed). */
  forget(uri: string): void;
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  return new BiolensLanguageService(
    options.vocabulary,
    options.settings ?? defaultSettings,
    options.yieldToHost,
    options.rankingWeights ?? rankingWeights,
    options.tagger,
  );
}

interface CachedAnalysis {
  version: number;
  text: string;
  analysis: DocumentAnalysis;
  recognitions: readonly Recognition[];
  unresolved: readonly UnresolvedMention[];
  /** Remembers each prose segment's terms, so the next version rescans only what changed. */
  recognizer: CachingRecognizer;
  /** Remembers what each prose segment defines and uses of the note's abbreviations, likewise. */
  abbreviations: NoteAbbreviations;
  /** Remembers each prose segment's content words, likewise (read for drugs' indications). */
  proseWords: ProseContentWords;
  /** What the next version's context may carry over from this one's. */
  context: CarriedContext | undefined;
  /** Whether the text has 'biolens-', which every intention comment starts with (see intentionsMayBeIn). */
  marksIntentions: boolean;
}

/** An analysis under way, shared by every request for the same version of a document. */
class RunningAnalysis {
  /** A newer version of the document was asked for. */
  superseded = false;
  /** The tokens of the requests waiting for it: when all are cancelled, nobody needs it any more. */
  readonly waiting: CancellationToken[];
  /** Cancelled once superseded or once nobody waits: the analysis stops at its next pause. */
  readonly abandoned: CancellationToken;
  result!: Promise<CachedAnalysis>;

  constructor(
    readonly version: number,
    readonly text: string,
    first: CancellationToken,
  ) {
    this.waiting = [first];
    const isAbandoned = (): boolean => this.superseded || this.waiting.every((t) => t.isCancellationRequested);
    this.abandoned = {
      get isCancellationRequested() {
        return isAbandoned();
      },
    };
  }
}

/** How many documents' latest analyses are kept for hover and fixes. */
const cachedDocuments = 64;

class BiolensLanguageService implements LanguageService {
  /** Shared by all documents: its block cache is keyed by text, and it keeps each note's previous version. */
  private readonly prose = new ProseExtractor();
  private readonly analyses = new LruMap<string, CachedAnalysis>(cachedDocuments);
  private readonly running = new Map<string, RunningAnalysis>();
  /** Lower-case words the settings mark as intended, computed once per settings. */
  private ignoredBySettings: ReadonlySet<string>;
  /** The rules' judgements of words and drugs, kept across analyses and documents under these settings. */
  private kept = new KeptJudgements();
  /** The drugs' indications from their sources: the vocabulary's, kept across analyses. */
  private readonly sourceIndications: SourceIndications;
  /**
   * Each unresolved mention as an entity, kept while the mention is: an edit keeps the mentions of
   * the runs it did not move, and the entity of each is the same.
   */
  private readonly unresolvedEntities = new WeakMap<UnresolvedMention, EntityMention>();

  constructor(
    private readonly vocabulary: Vocabulary,
    private settings: BiolensSettings,
    private readonly yieldToHost: YieldToHost | undefined,
    private readonly rankingWeights: RankingWeights,
    private readonly tagger: Tagger | undefined,
  ) {
    this.ignoredBySettings = lowerCaseSet(settings.ignoredWords);
    this.sourceIndications = new SourceIndications(vocabulary);
  }

  updateSettings(settings: BiolensSettings): void {
    this.settings = settings;
    this.ignoredBySettings = lowerCaseSet(settings.ignoredWords);
    this.kept = new KeptJudgements();
    this.analyses.clear();
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
    this.prose.forget(uri);
    const running = this.running.get(uri);
    if (running) running.superseded = true;
  }

  async analyze(document: TextDocumentInput, token: CancellationToken): Promise<DocumentAnalysis> {
    return (await this.analysisOf(document, token)).analysis;
  }

  async hover(document: TextDocumentInput, offset: number, token: CancellationToken): Promise<HoverCard | undefined> {
    const cached = await this.analysisOf(document, token);
    const finding = cached.analysis.findings.find((f) => f.start <= offset && offset < f.end);
    if (finding) {
      // The editor shows the finding's message above the card: the card says what the names are.
      const meant = finding.data.suggestions[0] === undefined ? undefined : this.entityIndexFor(finding.data.suggestions[0]);
      const written = binarySearchMention(cached.recognitions, offset);
      const cards: string[] = [];
      if (finding.data.writtenId && written && written.id === finding.data.writtenId && meant !== undefined && written.entity !== meant) {
        // A real drug that a look-alike fits better: both, briefly, each labelled.
        cards.push(this.renderEntity(written.entity, { label: 'written', brief: true }));
        cards.push(this.renderEntity(meant, { label: 'likely meant', brief: true }));
      } else if (meant !== undefined) {
        cards.push(this.renderEntity(meant, finding.code === 'drug-misspelling' ? { label: 'likely meant' } : {}));
      } else if (written && this.settings.cards[written.kind]) {
        cards.push(this.renderEntity(written.entity));
      }
      if (cards.length === 0) return undefined;
      return { start: finding.start, end: finding.end, markdown: abbreviationLine(document.text, written) + cards.join('\n\n---\n\n') };
    }
    const mention = binarySearchMention(cached.recognitions, offset);
    if (mention)
      return this.settings.cards[mention.kind]
        ? { start: mention.start, end: mention.end, markdown: abbreviationLine(document.text, mention) + this.renderEntity(mention.entity) }
        : undefined;
    const unresolved = binarySearchMention(cached.unresolved, offset);
    if (!unresolved || !this.settings.cards[unresolvedKind[unresolved.tagged]]) return undefined;
    const card = unresolved.definition
      ? `*${escapeMarkdown(definitionNote(document.text, { definition: unresolved.definition }))}*\n\n${renderUnresolvedCard(unresolved.definition.longForm, unresolved.tagged)}`
      : renderUnresolvedCard(unresolved.text, unresolved.tagged);
    return { start: unresolved.start, end: unresolved.end, markdown: card };
  }

  async fixes(document: TextDocumentInput, finding: Finding, token: CancellationToken): Promise<Fix[]> {
    const cached = await this.analysisOf(document, token);
    return computeFixes(document, finding, cached.analysis.findings);
  }

  async safeFixEdits(document: TextDocumentInput, token: CancellationToken): Promise<TextEdit[]> {
    const cached = await this.analysisOf(document, token);
    return safeFixEdits(cached.analysis.findings);
  }

  explain(term: string): string | undefined {
    return this.cardFor(term);
  }

  auditDictionary(text: string): DictionaryAuditFinding[] {
    return auditDictionary(text, this.vocabulary);
  }

  private cardFor(term: string): string | undefined {
    const index = this.entityIndexFor(term);
    return index === undefined ? undefined : this.renderEntity(index);
  }

  /** The entity a term names on its own ('Femara', 'HER-2/neu'), if any. */
  private entityIndexFor(term: string): number | undefined {
    const text = term.trim();
    if (!text) return undefined;
    const { mentions } = recognize(text, [{ start: 0, end: text.length }], this.vocabulary);
    const whole = mentions.find((m) => m.start === 0 && m.end === text.length) ?? (mentions.length === 1 ? mentions[0] : undefined);
    return whole?.entity;
  }

  private renderEntity(index: number, options: Pick<CardOptions, 'label' | 'brief'> = {}): string {
    return renderCard(this.vocabulary.entity(index), {
      ...options,
      knowledge: this.vocabulary.knowledge(index),
      related: (name) => {
        const related = this.entityIndexFor(name);
        return related === undefined ? undefined : this.vocabulary.entity(related);
      },
    });
  }

  private unresolvedEntity(mention: UnresolvedMention): EntityMention {
    let entity = this.unresolvedEntities.get(mention);
    if (!entity) this.unresolvedEntities.set(mention, (entity = unresolvedEntity(mention)));
    return entity;
  }

  /** The analysis of this version: cached, already running (then shared), or started now. */
  private async analysisOf(document: TextDocumentInput, token: CancellationToken): Promise<CachedAnalysis> {
    throwIfCancelled(token);
    const cached = this.analyses.get(document.uri);
    if (cached && cached.version === document.version && cached.text === document.text) return cached;
    let running = this.running.get(document.uri);
    if (running && running.version === document.version && running.text === document.text) {
      running.waiting.push(token);
    } else {
      if (running && document.version >= running.version) running.superseded = true;
      running = this.start(document, token);
    }
    const result = await running.result;
    throwIfCancelled(token);
    return result;
  }

  private start(document: TextDocumentInput, token: CancellationToken): RunningAnalysis {
    const running = new RunningAnalysis(document.version, document.text, token);
    const { abandoned } = running;
    const other = this.running.get(document.uri);
    const steps = this.analysisSteps(document, abandoned, other !== undefined && !other.superseded);
    const run = this.yieldToHost ? runInSlices(steps, abandoned, this.yieldToHost) : Promise.resolve().then(() => runToEnd(steps, abandoned));
    running.result = run
      .finally(() => {
        if (this.running.get(document.uri) === running) this.running.delete(document.uri);
      })
      .then((entry) => {
        if (running.superseded) throw new CancelledError();
        this.analyses.set(document.uri, entry);
        return entry;
      });
    this.running.set(document.uri, running);
    return running;
  }

  /** Markdown → prose segments → recognitions → findings, pausing between blocks, runs and words. */
  private *analysisSteps(document: TextDocumentInput, token: CancellationToken, besideAnother: boolean): Steps<CachedAnalysis> {
    const segments = yield* this.prose.segmentSteps(document.text, token, document.uri);
    throwIfCancelled(token);
    const previous = this.analyses.get(document.uri);
    // Where this version differs from the last one analysed: what each prose run holds is kept by where the run is (see KeptRuns).
    const edit = previous ? noteEdit(previous.text, document.text) : undefined;
    const recognizer = previous?.recognizer ?? new CachingRecognizer(this.vocabulary, this.tagger);
    const recognized = yield* recognizer.recognizeSteps(document.text, segments, edit);
    // An abbreviation the note defines names its entity where the tagger found only a span.
    const abbreviations = previous?.abbreviations ?? new NoteAbbreviations();
    const { mentions, unresolved } = abbreviations.read(document.text, segments, recognized.runs, recognized.perRun, recognized, edit);
    const { unmatched, contextPhrases } = recognized;
    throwIfCancelled(token);
    // One note's versions read its content words one after another; a version analysed beside
    // another one that goes on (an older version asked for meanwhile) reads its own.
    const proseWords = (!besideAnother && previous?.proseWords) || new ProseContentWords();
    const proseSource = { read: () => proseWords.of(document.text, segments, edit), changedSince: (generation: number) => proseWords.changedSince(generation) };
    const carried = proseWords === previous?.proseWords ? previous.context : undefined;
    const context = new DocumentContext(mentions, contextPhrases, this.vocabulary, this.sourceIndications, proseSource, carried);
    const marksIntentions = intentionsMayBeIn(document.text, previous?.marksIntentions === false ? edit : undefined);
    const ignored = marksIntentions ? withDocumentIntentions(this.ignoredBySettings, document.text) : this.ignoredBySettings;
    const findings = yield* findingSteps({
      text: document.text,
      mentions,
      unmatched,
      context,
      vocabulary: this.vocabulary,
      settings: this.settings,
      ignored,
      rankingWeights: this.rankingWeights,
      kept: this.kept,
    });
    const entities =
      unresolved.length === 0
        ? mentions
        : mergedByStart(
            mentions,
            unresolved.map((u) => this.unresolvedEntity(u)),
          );
    const analysis: DocumentAnalysis = { uri: document.uri, version: document.version, entities, findings };
    return {
      version: document.version,
      text: document.text,
      analysis,
      recognitions: mentions,
      unresolved,
      recognizer,
      abbreviations,
      proseWords,
      context: context.carry(),
      marksIntentions,
    };
  }
}

/** The entity kind an unresolved mention is shown as. */
const unresolvedKind = { gene: 'gene', chemical: 'drug' } as const;

/** An unresolved mention as an entity: its id says it names no record, so hosts group it by its text. */
function unresolvedEntity(mention: UnresolvedMention): EntityMention {
  return {
    start: mention.start,
    end: mention.end,
    text: mention.text,
    kind: unresolvedKind[mention.tagged],
    // A defined short form is grouped with its long form.
    id: `unresolved:${mention.definition?.longForm ?? mention.text}`,
    canonical: mention.definition?.longForm ?? mention.text,
  };
}

/** Two lists sorted by start as one, in one pass (a stable merge: at one start, the first list's first). */
function mergedByStart(a: readonly EntityMention[], b: readonly EntityMention[]): EntityMention[] {
  const out: EntityMention[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = b[j].start < a[i].start ? b[j++] : a[i++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

function lowerCaseSet(words: readonly string[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const w of words) out.add(w.toLowerCase());
  return out;
}

/**
 * Whether a text has the mark of an intention comment. Given the edit from a version without it,
 * only the stretch the edit changed (and the mark's length either side) can have it: a mark
 * elsewhere would have been in that version too. A 1 MB note is then not searched on every edit.
 */
function intentionsMayBeIn(text: string, editFromUnmarked: NoteEdit | undefined): boolean {
  if (!editFromUnmarked) return text.includes(intentionMark);
  const reach = intentionMark.length - 1;
  const from = Math.max(0, editFromUnmarked.prefix - reach);
  const to = Math.min(text.length, text.length - editFromUnmarked.suffix + reach);
  return from < to && text.slice(from, to).includes(intentionMark);
}

/** The settings' intended words plus those the document's own comments mark (not copied: a dictionary may hold 100k words). */
function withDocumentIntentions(bySettings: ReadonlySet<string>, text: string): WordSet {
  const own = documentIgnoredWords(text);
  return own.size === 0 ? bySettings : { has: (word) => own.has(word) || bySettings.has(word) };
}

/** Above the card of an abbreviation the note defines: where it was defined, and as what. */
function abbreviationLine(text: string, mention: Recognition | undefined): string {
  return mention && isAbbreviationMention(mention) ? `*${escapeMarkdown(definitionNote(text, mention))}*\n\n` : '';
}

function binarySearchMention<M extends OffsetRange>(mentions: readonly M[], offset: number): M | undefined {
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
