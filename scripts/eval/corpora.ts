/**
 * Parsers for the annotated corpora recognition is tuned against (BC5CDR in PubTator format,
 * BC2GM gene mentions). They turn each corpus into evaluation documents: the text biolens
 * analyses plus gold spans as half-open UTF-16 offsets into that same text, so that scoring
 * never has to know how a corpus counted its offsets.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** A gold span in an evaluation document's text. */
export interface GoldSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /**
   * Other spans the annotators accepted for this same mention (BC2GM ALTGENE). A prediction
   * matching any of them counts as finding this mention.
   */
  readonly alternatives: readonly { readonly start: number; readonly end: number }[];
}

export interface EvalDocument {
  readonly id: string;
  readonly text: string;
  readonly gold: readonly GoldSpan[];
}

/** Reads a corpus file, gunzipping it when its name ends in `.gz`. */
export function readCorpusFile(file: string): string {
  const bytes = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

// ---------------------------------------------------------------------------------------------
// PubTator (BC5CDR)

export interface PubTatorMention {
  /** Offsets into `title + ' ' + abstract`, half-open. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** 'Chemical' or 'Disease' in BC5CDR. */
  readonly type: string;
  /** MeSH ids ('-1' when the annotators found none); composite mentions carry several. */
  readonly ids: readonly string[];
}

export interface PubTatorDocument {
  readonly pmid: string;
  readonly title: string;
  readonly abstract: string;
  readonly mentions: readonly PubTatorMention[];
}

/**
 * Parses PubTator text: documents separated by blank lines, each with `PMID|t|title`,
 * `PMID|a|abstract`, then tab-separated mention lines. Relation lines (`PMID\tCID\t…`) are
 * skipped. Throws on a mention line whose offsets are not numbers, since a silently dropped
 * gold mention would skew recall.
 */
export function parsePubTator(text: string): PubTatorDocument[] {
  const documents: PubTatorDocument[] = [];
  let current: { pmid: string; title: string; abstract: string; mentions: PubTatorMention[] } | undefined;
  const finish = () => {
    if (current) documents.push(current);
    current = undefined;
  };
  const lines = text.split(/\r?\n/);
  for (let lineNumber = 0; lineNumber < lines.length; lineNumber++) {
    const line = lines[lineNumber];
    if (line.trim() === '') {
      finish();
      continue;
    }
    const textField = /^(\d+)\|([ta])\|(.*)$/.exec(line);
    if (textField) {
      const [, pmid, part, value] = textField;
      if (!current || current.pmid !== pmid) {
        finish();
        current = { pmid, title: '', abstract: '', mentions: [] };
      }
      if (part === 't') current.title = value;
      else current.abstract = value;
      continue;
    }
    const fields = line.split('\t');
    if (fields.length === 4) continue; // a relation line: PMID, CID, chemical id, disease id
    if (fields.length < 5 || !current || fields[0] !== current.pmid) {
      throw new Error(`PubTator line ${lineNumber + 1} is neither text nor a mention of the current document: ${line}`);
    }
    const start = Number(fields[1]);
    const end = Number(fields[2]);
    if (!Number.isInteger(start) || !Number.isInteger(end) || end < start) {
      throw new Error(`PubTator line ${lineNumber + 1} has bad offsets: ${line}`);
    }
    current.mentions.push({
      start,
      end,
      text: fields[3],
      type: fields[4],
      ids: fields[5] ? fields[5].split('|') : [],
    });
  }
  finish();
  return documents;
}

/**
 * The separator put between title and abstract in the analysed text. A blank line makes the
 * title its own markdown paragraph, as it would be in a note.
 */
export const titleAbstractSeparator = '\n\n';

/**
 * Maps an offset into PubTator's `title + ' ' + abstract` to the analysed text
 * `title + titleAbstractSeparator + abstract`.
 */
export function pubTatorOffsetToAnalysed(document: PubTatorDocument, offset: number): number {
  const abstractStart = document.title.length + 1;
  return offset >= abstractStart ? offset - 1 + titleAbstractSeparator.length : offset;
}

/**
 * An evaluation document of one PubTator document, keeping the mentions of the given type.
 * Throws if a mention's text is not what its offsets select: that would mean the offset
 * mapping is wrong and every score computed from it meaningless.
 */
export function pubTatorEvalDocument(document: PubTatorDocument, type: string): EvalDocument {
  const text = document.title + titleAbstractSeparator + document.abstract;
  const gold: GoldSpan[] = [];
  for (const mention of document.mentions) {
    if (mention.type !== type) continue;
    const start = pubTatorOffsetToAnalysed(document, mention.start);
    const end = pubTatorOffsetToAnalysed(document, mention.end);
    if (text.slice(start, end) !== mention.text) {
      throw new Error(`PMID ${document.pmid}: mention '${mention.text}' at ${mention.start}-${mention.end} selects '${text.slice(start, end)}'`);
    }
    gold.push({ start, end, text: mention.text, alternatives: [] });
  }
  return { id: document.pmid, text, gold };
}

// ---------------------------------------------------------------------------------------------
// BC2GM

/** Parses `id text` lines (the id ends at the first space) into id → sentence, in file order. */
export function parseBc2gmSentences(text: string): Map<string, string> {
  const sentences = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    const space = line.indexOf(' ');
    if (space < 0) sentences.set(line, '');
    else sentences.set(line.slice(0, space), line.slice(space + 1));
  }
  return sentences;
}

export interface Bc2gmMention {
  readonly id: string;
  /** Count of non-whitespace characters before the mention. */
  readonly start: number;
  /** Count of non-whitespace characters up to and including the mention's last one. */
  readonly endInclusive: number;
  readonly text: string;
}

/** Parses `id|start end|mention` lines. */
export function parseBc2gmMentions(text: string): Bc2gmMention[] {
  const mentions: Bc2gmMention[] = [];
  const lines = text.split(/\r?\n/);
  for (let lineNumber = 0; lineNumber < lines.length; lineNumber++) {
    const line = lines[lineNumber];
    if (line === '') continue;
    const match = /^([^|]+)\|(\d+) (\d+)\|(.*)$/.exec(line);
    if (!match) throw new Error(`BC2GM line ${lineNumber + 1} is not 'id|start end|mention': ${line}`);
    mentions.push({ id: match[1], start: Number(match[2]), endInclusive: Number(match[3]), text: match[4] });
  }
  return mentions;
}

/**
 * Converts BC2GM offsets (counting only non-whitespace characters, end inclusive) into a
 * half-open range of the sentence's UTF-16 offsets. Returns undefined if the sentence has
 * fewer non-whitespace characters than the offsets need.
 */
export function nonSpaceOffsetsToRange(sentence: string, start: number, endInclusive: number): { start: number; end: number } | undefined {
  let seen = 0;
  let rangeStart: number | undefined;
  for (let index = 0; index < sentence.length; index++) {
    if (/\s/.test(sentence[index])) continue;
    if (seen === start) rangeStart = index;
    if (seen === endInclusive) return rangeStart === undefined ? undefined : { start: rangeStart, end: index + 1 };
    seen++;
  }
  return undefined;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Evaluation documents of BC2GM: one per sentence, in sentence-file order, with GENE mentions
 * as gold and each ALTGENE span attached as an accepted alternative of the GENE mentions it
 * overlaps. Offsets are authoritative (the corpus's scorer ignores the mention text), so a
 * mention whose text, spaces ignored, differs from what its offsets select is kept and passed
 * to `onTextMismatch`; offsets beyond the sentence are an error.
 */
export function bc2gmEvalDocuments(
  sentences: ReadonlyMap<string, string>,
  geneMentions: readonly Bc2gmMention[],
  alternativeMentions: readonly Bc2gmMention[],
  onTextMismatch: (mention: Bc2gmMention, selected: string) => void = () => {},
): EvalDocument[] {
  const resolve = (mention: Bc2gmMention) => {
    const sentence = sentences.get(mention.id);
    if (sentence === undefined) throw new Error(`BC2GM mention of unknown sentence ${mention.id}`);
    const range = nonSpaceOffsetsToRange(sentence, mention.start, mention.endInclusive);
    if (!range) throw new Error(`BC2GM ${mention.id}: '${mention.text}' at ${mention.start} ${mention.endInclusive} is beyond the sentence`);
    const selected = sentence.slice(range.start, range.end);
    if (selected.replace(/\s+/g, '') !== mention.text.replace(/\s+/g, '')) onTextMismatch(mention, selected);
    return { ...range, text: selected };
  };
  const genesById = groupById(geneMentions);
  const alternativesById = groupById(alternativeMentions);
  const documents: EvalDocument[] = [];
  for (const [id, text] of sentences) {
    const alternatives = (alternativesById.get(id) ?? []).map(resolve);
    const gold = (genesById.get(id) ?? []).map(resolve).map((span) => ({
      ...span,
      alternatives: alternatives.filter((alternative) => overlaps(alternative, span)).map(({ start, end }) => ({ start, end })),
    }));
    documents.push({ id, text, gold });
  }
  return documents;
}

function groupById(mentions: readonly Bc2gmMention[]): Map<string, Bc2gmMention[]> {
  const byId = new Map<string, Bc2gmMention[]>();
  for (const mention of mentions) {
    const list = byId.get(mention.id);
    if (list) list.push(mention);
    else byId.set(mention.id, [mention]);
  }
  return byId;
}

/**
 * BC2GM ships only its training sentences here, so a development split is carved from them:
 * a sentence is in it when the FNV-1a hash of its id is a multiple of `every` (one in five by
 * the training settings). The tagger never trains on these sentences; recognition is measured
 * on them. A hash, not file order, so the split does not follow the corpus's ordering.
 */
export function isBc2gmDevelopmentSentence(id: string, every: number): boolean {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return (hash >>> 0) % every === 0;
}

/** BC2GM's evaluation documents, split into training and development sentences (see isBc2gmDevelopmentSentence). */
export function bc2gmSplitDocuments(corpusDir: string, every: number, onTextMismatch?: () => void): { train: EvalDocument[]; dev: EvalDocument[] } {
  const read = (file: string) => readCorpusFile(`${corpusDir}/bc2gm/${file}`);
  const sentences = parseBc2gmSentences(read('train_train.in.gz'));
  const documents = bc2gmEvalDocuments(
    sentences,
    parseBc2gmMentions(read('train_GENE.eval.gz')),
    parseBc2gmMentions(read('train_ALTGENE.eval.gz')),
    onTextMismatch,
  );
  const train: EvalDocument[] = [];
  const dev: EvalDocument[] = [];
  for (const document of documents) (isBc2gmDevelopmentSentence(document.id, every) ? dev : train).push(document);
  return { train, dev };
}

/** BC5CDR's training and development abstracts with the gold spans of one mention type. */
export function bc5cdrSplitDocuments(corpusDir: string, type: string): { train: EvalDocument[]; dev: EvalDocument[] } {
  const read = (file: string) => parsePubTator(readCorpusFile(`${corpusDir}/bc5cdr/${file}`)).map((document) => pubTatorEvalDocument(document, type));
  return { train: read('CDR_TrainingSet.PubTator.txt.gz'), dev: read('CDR_DevelopmentSet.PubTator.txt.gz') };
}
