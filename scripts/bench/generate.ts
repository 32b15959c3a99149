/**
 * Deterministic biomedical markdown notes for the benchmark: the same seed and size always give
 * the same text, so figures from two runs (or two machines) describe the same input. The notes
 * mix the markdown a literature note really has (headings, lists, tables, quotes, code, links,
 * emphasis, math) with drug, gene and biomarker names, and a few misspelt drug names so that
 * the findings path is exercised too.
 */

/** A seeded pseudo-random source (mulberry32): fast, and good enough to vary prose. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

const drugs = [
  'letrozole',
  'anastrozole',
  'exemestane',
  'tamoxifen',
  'fulvestrant',
  'palbociclib',
  'ribociclib',
  'abemaciclib',
  'everolimus',
  'alpelisib',
  'capivasertib',
  'elacestrant',
  'trastuzumab',
  'lapatinib',
  'olaparib',
  'talazoparib',
  'goserelin',
  'metformin',
  'lerociclib',
  'camizestrant',
  'inavolisib',
];
const brands = ['Femara', 'Arimidex', 'Ibrance', 'Kisqali', 'Verzenio', 'Faslodex', 'Piqray', 'Afinitor', 'Herceptin'];
const codes = ['PD-0332991', 'LEE011', 'LY2835219', 'RAD001', 'AZD9833', 'GDC-9545', 'G1T38'];
/** Misspellings a tired author really types; each should become a finding. */
const misspellings = ['anastrazole', 'letrazole', 'palbocilib', 'fulvestrent', 'exemestene'];
const genes = [
  'ESR1',
  'PIK3CA',
  'ERBB2',
  'CCND1',
  'CDK4',
  'CDK6',
  'RB1',
  'TP53',
  'AKT1',
  'PTEN',
  'MTOR',
  'FGFR1',
  'CYP19A1',
  'BRCA1',
  'BRCA2',
  'GATA3',
  'FOXA1',
  'NF1',
  'KMT2C',
  'MAP3K1',
  'CDKN2A',
  'E2F1',
  'MYC',
];
const biomarkers = ['Ki-67', 'HER2', 'PD-L1', 'ER', 'PR', 'ctDNA', 'TILs'];
const classes = ['aromatase inhibitor', 'CDK4/6 inhibitor', 'selective estrogen receptor degrader', 'PI3K inhibitor', 'mTOR inhibitor', 'PARP inhibitor'];
const settings = ['the adjuvant setting', 'first-line metastatic disease', 'the neoadjuvant window', 'second-line treatment', 'heavily pretreated patients'];
const models = ['MCF-7 cells', 'T47D xenografts', 'patient-derived organoids', 'LTED cell lines', 'a murine syngeneic model'];
const outcomes = ['progression-free survival', 'overall survival', 'objective response', 'clinical benefit', 'pathological complete response'];
const topics = [
  'Endocrine resistance',
  'Cell-cycle escape',
  'Pathway crosstalk',
  'Biomarker strategy',
  'Trial landscape',
  'Open questions',
  'Methods',
  'Safety signals',
];
const words = ['signalling', 'adaptation', 'rewiring', 'plasticity', 'dependence', 'feedback', 'selection', 'heterogeneity'];

/** Sentence templates; each `{slot}` is filled from the lists above. */
const sentenceTemplates = [
  'Acquired {gene} mutations are enriched after {drug}, which argues for serial {biomarker} testing.',
  'In {model}, combining {drug} with {drug} delayed regrowth for {n} weeks.',
  'In {setting}, patients given {drug} reached a median {outcome} of {n} months.',
  'Loss of {gene} uncouples {gene} from growth control, so {class} monotherapy rarely suffices.',
  'The {class} {drug} ({brand}) was approved after a phase III trial enrolling {n} patients.',
  '{gene} amplification tracked with high {biomarker} and early relapse on {drug}.',
  'Development code {code} was later named {drug}; older papers use only the code.',
  'We saw no interaction between {drug} and {drug} at the doses used in {setting}.',
  'A switch from {drug} to {drug} restored sensitivity in about {n}% of {model}.',
  'Co-occurring {gene} and {gene} alterations predicted a shorter {outcome}.',
  '{biomarker} above {n}% was the usual threshold, though cut-offs varied between laboratories.',
  'The authors attribute the effect to {word} of {gene} rather than to drug exposure.',
];

function fill(template: string, random: SeededRandom): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'drug':
        // About one drug name in forty is misspelt, as in a hurried draft.
        if (random.chance(0.025)) return random.pick(misspellings);
        return random.chance(0.1) ? capitalise(random.pick(drugs)) : random.pick(drugs);
      case 'brand':
        return random.pick(brands);
      case 'code':
        return random.pick(codes);
      case 'gene':
        return random.pick(genes);
      case 'biomarker':
        return random.pick(biomarkers);
      case 'class':
        return random.pick(classes);
      case 'setting':
        return random.pick(settings);
      case 'model':
        return random.pick(models);
      case 'outcome':
        return random.pick(outcomes);
      case 'word':
        return random.pick(words);
      case 'n':
        return String(random.integer(2, 96));
      default:
        throw new Error(`unknown template slot ${slot}`);
    }
  });
}

function capitalise(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}

/** Wraps a few phrases of a sentence in emphasis, code or a link, as notes do. */
function decorate(sentence: string, random: SeededRandom): string {
  return sentence.replace(/\b[A-Za-z][\w-]{4,}\b/g, (word) => {
    const roll = random.next();
    if (roll < 0.02) return `*${word}*`;
    if (roll < 0.03) return `**${word}**`;
    if (roll < 0.035) return `[${word}](https://pubmed.ncbi.nlm.nih.gov/${random.integer(10000000, 39999999)}/)`;
    if (roll < 0.038) return `\`${word}\``;
    return word;
  });
}

function paragraph(random: SeededRandom): string {
  const sentences: string[] = [];
  const count = random.integer(3, 7);
  for (let i = 0; i < count; i++) sentences.push(decorate(fill(random.pick(sentenceTemplates), random), random));
  if (random.chance(0.15)) sentences.push(`The fitted $IC_{50}$ was ${random.integer(2, 900)} nM [@ref${random.integer(1, 400)}].`);
  return sentences.join(' ');
}

function list(random: SeededRandom): string {
  const ordered = random.chance(0.4);
  const items: string[] = [];
  const count = random.integer(3, 6);
  for (let i = 0; i < count; i++) {
    const item = decorate(fill(random.pick(sentenceTemplates), random), random);
    items.push(`${ordered ? `${i + 1}.` : '-'} ${item}`);
    if (random.chance(0.2)) items.push(`   - ${fill('see {gene} and {drug}', random)}`);
  }
  return items.join('\n');
}

function table(random: SeededRandom): string {
  const rows = ['| Drug | Class | Target | Median PFS (months) |', '|---|---|---|---:|'];
  const count = random.integer(3, 8);
  for (let i = 0; i < count; i++) {
    rows.push(`| ${fill('{drug}', random)} | ${random.pick(classes)} | ${random.pick(genes)} | ${random.integer(3, 30)}.${random.integer(0, 9)} |`);
  }
  return rows.join('\n');
}

function quote(random: SeededRandom): string {
  return `> ${fill(random.pick(sentenceTemplates), random)}\n> ${fill(random.pick(sentenceTemplates), random)}`;
}

function code(random: SeededRandom): string {
  const gene = random.pick(genes);
  const drug = random.pick(drugs);
  return [
    '```python',
    `cohort = load_cohort("${drug}_arm.csv")`,
    `mutated = cohort[cohort["${gene}_status"] == "mut"]`,
    `print(mutated.pfs_months.median())  # ${random.integer(10, 99)} patients`,
    '```',
  ].join('\n');
}

function heading(random: SeededRandom, section: number): string {
  const level = random.chance(0.3) ? '##' : '###';
  return `${level} ${section}. ${random.pick(topics)}: ${fill(random.pick(['{gene} and {drug}', '{drug} after {drug}', '{biomarker} in {setting}']), random)}`;
}

export interface NoteOptions {
  /** Approximate size in UTF-16 code units (the notes are ASCII, so also bytes). */
  readonly size: number;
  readonly seed: number;
}

/** A markdown note of at least `size` characters, ending at a block boundary. */
export function generateNote({ size, seed }: NoteOptions): string {
  const random = new SeededRandom(seed);
  const blocks: string[] = ['---\ntitle: Endocrine therapy resistance notes\ntags: [breast-cancer, endocrine]\n---', '# Notes on endocrine therapy resistance'];
  let length = blocks.reduce((sum, block) => sum + block.length + 2, 0);
  let section = 1;
  while (length < size) {
    const roll = random.next();
    let block: string;
    if (roll < 0.08) block = heading(random, section++);
    else if (roll < 0.6) block = paragraph(random);
    else if (roll < 0.75) block = list(random);
    else if (roll < 0.83) block = table(random);
    else if (roll < 0.91) block = quote(random);
    else block = code(random);
    blocks.push(block);
    length += block.length + 2;
  }
  return blocks.join('\n\n') + '\n';
}
