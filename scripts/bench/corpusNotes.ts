/**
 * Notes of real biomedical prose for the benchmark: the BC5CDR abstracts (training and
 * development PubTator files) and the BC2GM sentences, laid out as a literature note is (a
 * heading per paper, its abstract in paragraphs, bullet lists of sentences, a table of the
 * annotated chemicals). Real prose is far denser in terms and near-misses than generated text.
 *
 * No block is ever repeated verbatim, so the extractor's and recogniser's per-block caches
 * cannot make a large note cheap: when the corpus runs out, its sentences are reshuffled
 * (deterministically, by seed) into new paragraphs and lists, and a block already written is
 * skipped. The same corpus, seed and size always give the same note.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseBc2gmSentences, parsePubTator, readCorpusFile, type PubTatorDocument } from '../eval/corpora';
import { SeededRandom } from './generate';

/** The corpus files read, relative to the corpora folder (../shared/data/corpora). */
export const corpusFiles = {
  pubTator: ['bc5cdr/CDR_TrainingSet.PubTator.txt.gz', 'bc5cdr/CDR_DevelopmentSet.PubTator.txt.gz'],
  bc2gmSentences: 'bc2gm/train_train.in.gz',
} as const;

export interface Corpus {
  readonly abstracts: readonly PubTatorDocument[];
  readonly sentences: readonly string[];
}

/** The files of `folder` the notes need that are missing (empty when all are there). */
export function missingCorpusFiles(folder: string): string[] {
  return [...corpusFiles.pubTator, corpusFiles.bc2gmSentences].filter((file) => !existsSync(path.join(folder, file)));
}

export function readCorpus(folder: string): Corpus {
  const abstracts = corpusFiles.pubTator.flatMap((file) => parsePubTator(readCorpusFile(path.join(folder, file))));
  const sentences = [...parseBc2gmSentences(readCorpusFile(path.join(folder, corpusFiles.bc2gmSentences))).values()].filter((s) => s.trim() !== '');
  return { abstracts, sentences };
}

/** Sentences of an abstract: split after . ! ? before a capital, a digit or a bracket. */
function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z0-9([])/).filter((s) => s.trim() !== '');
}

function shuffled<T>(items: readonly T[], random: SeededRandom): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** A markdown table cell: pipes escaped, so a chemical named with one cannot break the row. */
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The chemicals annotated in an abstract as a two-column table, or undefined without any. */
function chemicalTable(document: PubTatorDocument): string | undefined {
  const byName = new Map<string, number>();
  for (const mention of document.mentions) {
    if (mention.type === 'Chemical') byName.set(mention.text, (byName.get(mention.text) ?? 0) + 1);
  }
  if (byName.size === 0) return undefined;
  const rows = [...byName].map(([name, count]) => `| ${cell(name)} | ${count} |`);
  return ['| Chemical | Mentions |', '|---|---:|', ...rows].join('\n');
}

/** The blocks of one abstract as it is first laid out: heading, paragraphs, maybe a table and a list. */
function* abstractBlocks(document: PubTatorDocument, gene: () => string, random: SeededRandom): Generator<string> {
  yield `## ${document.title.replace(/\s+/g, ' ').trim()} (PMID ${document.pmid})`;
  const sentences = splitSentences(document.abstract);
  // Two or three paragraphs, as a reader breaks an abstract into background, results, conclusion.
  const parts = sentences.length >= 6 ? 3 : sentences.length >= 3 ? 2 : 1;
  const perPart = Math.ceil(sentences.length / parts);
  for (let part = 0; part < parts; part++) {
    const paragraph = sentences.slice(part * perPart, (part + 1) * perPart).join(' ');
    if (paragraph !== '') yield paragraph;
  }
  if (random.chance(0.3)) {
    const table = chemicalTable(document);
    if (table) yield table;
  }
  if (random.chance(0.5)) {
    const items = random.integer(2, 5);
    yield Array.from({ length: items }, () => `- ${gene()}`).join('\n');
  }
}

/** Blocks made of reshuffled sentences, for when the corpus as laid out is used up. */
function* reshuffledBlocks(pool: readonly string[], round: number, random: SeededRandom): Generator<string> {
  const order = shuffled(pool, random);
  let section = 0;
  for (let i = 0; i < order.length;) {
    if (i % 40 === 0) yield `## Reading notes, round ${round}, part ${++section}`;
    const take = random.integer(3, 7);
    const sentences = order.slice(i, i + take);
    i += take;
    yield random.chance(0.25) ? sentences.map((s) => `- ${s}`).join('\n') : sentences.join(' ');
  }
}

/**
 * A note of about `size` characters (real prose is nearly all ASCII, so about as many bytes),
 * ending at a block boundary. Throws when the corpus has no text at all.
 */
export function corpusNote(corpus: Corpus, size: number, seed: number): string {
  if (corpus.abstracts.length === 0 && corpus.sentences.length === 0) throw new Error('the corpus has no text');
  const random = new SeededRandom(seed);
  const written = new Set<string>();
  const blocks: string[] = ['# Literature notes: chemicals, diseases and genes'];
  let length = blocks[0].length;
  const add = (block: string): boolean => {
    if (written.has(block)) return length < size;
    written.add(block);
    blocks.push(block);
    length += block.length + 2;
    return length < size;
  };

  let nextSentence = 0;
  const gene = () => corpus.sentences[nextSentence++ % corpus.sentences.length] ?? '';
  for (const document of corpus.abstracts) {
    for (const block of abstractBlocks(document, gene, random)) if (!add(block)) return `${blocks.join('\n\n')}\n`;
  }
  for (; nextSentence < corpus.sentences.length; nextSentence += 6) {
    if (!add(corpus.sentences.slice(nextSentence, nextSentence + 6).join(' '))) return `${blocks.join('\n\n')}\n`;
  }
  const pool = corpus.abstracts.flatMap((document) => splitSentences(document.abstract)).concat(corpus.sentences);
  for (let round = 1; ; round++) {
    for (const block of reshuffledBlocks(pool, round, random)) if (!add(block)) return `${blocks.join('\n\n')}\n`;
  }
}
