/**
 * How much the cards in data/ say:
 *
 *   npm run eval:cards [-- --data <dir>] [--terms <file>] [--verbose]
 *
 * Prints coverage: the share of HGNC protein-coding genes whose card has a description (RefSeq or
 * curated) and references; the share of approved drugs (in DrugCentral, or an FDA novel approval
 * 2013–2023 in Open Targets) with a mechanism, an indication and a reference; curated cards per
 * kind; the share of those cards with at least 25 words of description and one reference link
 * outside the identifiers; and how long a card takes to render. With --terms, a file of
 * `gene NAME` / `drug NAME` lines, the same measure for each term and the share that passes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLanguageService } from '../src/core';
import { renderCard } from '../src/core/cards/card';
import type { EntityKind } from '../src/core/types';
import type { Vocabulary } from '../src/core/vocabulary/vocabulary';
import { loadVocabulary } from '../src/node/vocabulary';
import { measureCard, type CardMeasure } from './eval/cards/measure';
import { takeFlag } from './flags';

/** What a card needs to say what something is, and to let the reader check it. */
const minimumWords = 25;
const minimumReferences = 1;

const passes = (m: CardMeasure) => m.descriptionWords >= minimumWords && m.references.length >= minimumReferences;
/** The same, counting a reference that links a page an identifier links too (a ChEMBL mechanism on the compound's page). */
const passesCountingIdentifierPages = (m: CardMeasure) => m.descriptionWords >= minimumWords && m.referencesWithIdentifierPages.length >= minimumReferences;
const pct = (n: number, d: number) => (d === 0 ? '  –   ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

interface Tally {
  total: number;
  counts: Map<string, number>;
}
const tally = (): Tally => ({ total: 0, counts: new Map() });
const count = (t: Tally, key: string, yes: boolean) => {
  if (yes) t.counts.set(key, (t.counts.get(key) ?? 0) + 1);
};

function renderTimed(vocabulary: Vocabulary, index: number, times: number[]): string {
  const started = performance.now();
  const markdown = renderCard(vocabulary.entity(index), { knowledge: vocabulary.knowledge(index) });
  times.push(performance.now() - started);
  return markdown;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const take = (flag: string) => takeFlag(args, flag);
  const root = path.resolve(__dirname, '..');
  const dataDir = take('--data') ?? path.join(root, 'data');
  const termsFile = take('--terms');
  const verbose = args.includes('--verbose');

  // The first card of a fresh vocabulary pays for reading the knowledge header and offsets.
  const fresh = loadVocabulary(dataDir);
  const firstStarted = performance.now();
  createLanguageService({ vocabulary: fresh }).explain('APOE');
  const firstCardMs = performance.now() - firstStarted;

  const vocabulary = loadVocabulary(dataDir);
  const genes = tally();
  const drugs = tally();
  const curated = new Map<EntityKind, number>();
  const times: number[] = [];
  for (let index = 0; index < vocabulary.entityCount; index++) {
    const entity = vocabulary.entity(index);
    if (entity.curated) curated.set(entity.kind, (curated.get(entity.kind) ?? 0) + 1);
    if (entity.kind === 'gene' && entity.id.startsWith('HGNC:') && entity.locusType === undefined) {
      const k = vocabulary.knowledge(index);
      genes.total++;
      count(genes, 'description', !!(k?.summary || entity.summary));
      count(genes, 'RefSeq summary', !!k?.summary);
      count(genes, 'references', !!(k?.papers?.length || entity.citations?.length));
      const m = measureCard(renderTimed(vocabulary, index, times));
      count(genes, `≥${minimumWords} words and a reference`, passes(m));
      count(genes, '  (counting identifier pages)', passesCountingIdentifierPages(m));
      count(genes, 'identifiers only', m.identifiersOnly);
    } else if (entity.kind === 'drug') {
      const k = vocabulary.knowledge(index);
      if (!k?.ids?.DrugCentral && !k?.approval) continue;
      drugs.total++;
      count(drugs, 'mechanism', !!k.mechanisms?.length);
      count(drugs, 'indication', !!(k.indications?.length || entity.indications?.length));
      count(drugs, 'reference', !!(k.references?.length || entity.citations?.length));
      const m = measureCard(renderTimed(vocabulary, index, times));
      count(drugs, `≥${minimumWords} words and a reference`, passes(m));
      count(drugs, '  (counting identifier pages)', passesCountingIdentifierPages(m));
      count(drugs, 'identifiers only', m.identifiersOnly);
    }
  }
  const out = (line: string) => process.stdout.write(line + '\n');
  const problem = vocabulary.knowledgeProblem();
  if (problem) out(`knowledge: ${problem}`);
  out(`HGNC protein-coding genes: ${genes.total}`);
  for (const key of [
    'description',
    'RefSeq summary',
    'references',
    `≥${minimumWords} words and a reference`,
    '  (counting identifier pages)',
    'identifiers only',
  ]) {
    out(`  ${key.padEnd(30)} ${pct(genes.counts.get(key) ?? 0, genes.total)}  (${genes.counts.get(key) ?? 0})`);
  }
  out(`approved drugs (in DrugCentral, or an FDA novel approval 2013–2023): ${drugs.total}`);
  for (const key of ['mechanism', 'indication', 'reference', `≥${minimumWords} words and a reference`, '  (counting identifier pages)', 'identifiers only']) {
    out(`  ${key.padEnd(30)} ${pct(drugs.counts.get(key) ?? 0, drugs.total)}  (${drugs.counts.get(key) ?? 0})`);
  }
  out(
    `curated cards: ${[...curated]
      .sort()
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ')}`,
  );
  const sorted = [...times].sort((a, b) => a - b);
  out(
    `card rendering (${sorted.length} cards): median ${percentile(sorted, 0.5).toFixed(3)} ms, p95 ${percentile(sorted, 0.95).toFixed(3)} ms, ` +
      `p99 ${percentile(sorted, 0.99).toFixed(3)} ms, max ${sorted[sorted.length - 1]?.toFixed(1)} ms; first card of a fresh vocabulary ${firstCardMs.toFixed(1)} ms`,
  );

  if (termsFile) {
    const service = createLanguageService({ vocabulary });
    const rows = fs
      .readFileSync(termsFile, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const [kind, ...rest] = line.split(/\s+/);
        return { kind, term: rest.join(' ') };
      });
    const byKind = new Map<string, { n: number; pass: number; lenient: number }>();
    out(`\nterms of ${termsFile} (pass: ≥${minimumWords} words of description and ≥${minimumReferences} reference link outside the identifiers)`);
    for (const { kind, term } of rows) {
      const markdown = service.explain(term);
      const head = markdown?.split('\n')[0] ?? '';
      const isKind = markdown !== undefined && (kind === 'gene' ? / · gene \/ protein · / : / · drug · /).test(head);
      const m = markdown && isKind ? measureCard(markdown) : undefined;
      const ok = m ? passes(m) : false;
      const entry = byKind.get(kind) ?? { n: 0, pass: 0, lenient: 0 };
      entry.n++;
      if (ok) entry.pass++;
      if (m && passesCountingIdentifierPages(m)) entry.lenient++;
      byKind.set(kind, entry);
      const what = !markdown
        ? 'no card'
        : !isKind
          ? `not a ${kind} card: ${head}`
          : `${String(m!.descriptionWords).padStart(3)} words, ${m!.references.length} references (${m!.referencesWithIdentifierPages.length} with identifier pages)`;
      if (verbose || !ok) out(`  ${ok ? 'pass' : 'FAIL'} ${kind.padEnd(4)} ${term.padEnd(22)} ${what}`);
    }
    for (const [kind, { n, pass, lenient }] of byKind)
      out(`  ${kind}s: ${pass} of ${n} pass (${pct(pass, n).trim()}); ${lenient} counting identifier pages as references`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`eval:cards: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
