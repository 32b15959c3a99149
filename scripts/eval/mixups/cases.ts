import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Vocabulary } from '../../../src/core/vocabulary/vocabulary';

/**
 * The mix-up evaluation set, generated deterministically from the committed vocabulary plus the
 * hand-written sentences in test/fixtures/mixups/. Each case is one short note and what a careful
 * reader expects of one word in it.
 */
export interface MixupCase {
  group: string;
  text: string;
  /** The word the case is about, as written in text. */
  word: string;
  expect: 'flag' | 'clean';
  /** For 'flag': the drug name that is meant (top-1 / top-3 are scored against it). */
  meant?: string;
}

/** Drug names the generated misspellings start from: common, oncology and look-alike-list drugs. */
export const sourceDrugs = [
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
  'capecitabine',
  'paclitaxel',
  'docetaxel',
  'doxorubicin',
  'cyclophosphamide',
  'carboplatin',
  'cisplatin',
  'trastuzumab',
  'pertuzumab',
  'pembrolizumab',
  'olaparib',
  'talazoparib',
  'gemcitabine',
  'vinorelbine',
  'eribulin',
  'lapatinib',
  'neratinib',
  'tucatinib',
  'imatinib',
  'erlotinib',
  'osimertinib',
  'bevacizumab',
  'metformin',
  'atorvastatin',
  'amlodipine',
  'lisinopril',
  'omeprazole',
  'sertraline',
  'hydroxyzine',
  'hydralazine',
  'prednisolone',
  'methotrexate',
  'warfarin',
  'apixaban',
  'levothyroxine',
  'ciprofloxacin',
  'amoxicillin',
  'fluconazole',
  'lerociclib',
  'trilaciclib',
  'rintodestrant',
  'elacestrant',
  'camizestrant',
  'giredestrant',
  'inavolisib',
  'capivasertib',
];

/** English words that look technical, to check that their typos are left to spell checkers. */
const englishSources = ['treatment', 'patients', 'response', 'resistance', 'receptor', 'inhibitor', 'endocrine', 'therapeutic', 'tolerance', 'progression'];

/** A small deterministic pseudo-random generator (mulberry32), so the set is the same every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vowels = 'aeiou';

/** Letters next to each other on a QWERTY keyboard. */
const keyboardNeighbours: Record<string, string> = {
  q: 'wa',
  w: 'qes',
  e: 'wrd',
  r: 'etf',
  t: 'ryg',
  y: 'tuh',
  u: 'yij',
  i: 'uok',
  o: 'ipl',
  p: 'ol',
  a: 'qsz',
  s: 'awdz',
  d: 'sefx',
  f: 'drgc',
  g: 'fthv',
  h: 'gyjb',
  j: 'hukn',
  k: 'jilm',
  l: 'kop',
  z: 'asx',
  x: 'zsdc',
  c: 'xdfv',
  v: 'cfgb',
  b: 'vghn',
  n: 'bhjm',
  m: 'njk',
};

/** One slip a writer makes: a dropped, doubled, swapped or changed letter (never the first). */
function oneEdit(word: string, rand: () => number): string {
  const i = 1 + Math.floor(rand() * (word.length - 1));
  switch (Math.floor(rand() * 5)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 2:
      return i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i);
    case 3: {
      // A neighbouring key on a QWERTY keyboard.
      const near = keyboardNeighbours[word[i]] ?? '';
      if (near) return word.slice(0, i) + near[Math.floor(rand() * near.length)] + word.slice(i + 1);
      return word.slice(0, i) + word.slice(i + 1);
    }
    default: {
      const pool = vowels.includes(word[i]) ? vowels : 'bcdfghklmnprstvz';
      const others = pool.replace(word[i], '');
      return word.slice(0, i) + others[Math.floor(rand() * others.length)] + word.slice(i + 1);
    }
  }
}

/** Spellings by ear: the respellings a phonetic key should see through. */
function respell(word: string): string {
  return word
    .replace(/ph/g, 'f')
    .replace(/y/g, 'i')
    .replace(/c(?=[aou])/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/z/g, 's')
    .replace(/([aeiou])\1/g, '$1');
}

export function generatedCases(vocabulary: Vocabulary): MixupCase[] {
  const cases: MixupCase[] = [];
  const usable = (w: string) => /^[a-z]{5,}$/.test(w) && vocabulary.drugNameIndex(w) < 0 && !vocabulary.isEnglishWord(w);
  const sentence = (w: string) => `Patients in the cohort received ${w} daily, and toxicity was recorded.\n`;
  sourceDrugs.forEach((name, n) => {
    if (vocabulary.drugNameIndex(name) < 0) return;
    const rand = random(1000 + n);
    cases.push({ group: 'correct-name', text: sentence(name), word: name, expect: 'clean' });
    const seen = new Set<string>();
    for (let k = 0; k < 3; k++) {
      const one = oneEdit(name, rand);
      if (usable(one) && !seen.has(one)) {
        seen.add(one);
        cases.push({ group: 'one-edit', text: sentence(one), word: one, expect: 'flag', meant: name });
      }
      const two = oneEdit(oneEdit(name, rand), rand);
      if (usable(two) && !seen.has(two)) {
        seen.add(two);
        cases.push({ group: 'two-edit', text: sentence(two), word: two, expect: 'flag', meant: name });
      }
    }
    const sound = respell(name);
    if (sound !== name && usable(sound)) cases.push({ group: 'phonetic', text: sentence(sound), word: sound, expect: 'flag', meant: name });
  });
  englishSources.forEach((word, n) => {
    const rand = random(5000 + n);
    for (let k = 0; k < 2; k++) {
      const typo = oneEdit(word, rand);
      if (typo !== word && !vocabulary.isEnglishWord(typo)) cases.push({ group: 'english-typo', text: sentence(typo), word: typo, expect: 'clean' });
    }
  });
  return cases;
}

/** The hand-written sentences (real-word mix-ups and correct uses) in test/fixtures/mixups/. */
export function handWrittenCases(fixtureDir: string): MixupCase[] {
  const out: MixupCase[] = [];
  for (const file of fs
    .readdirSync(fixtureDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    out.push(...(JSON.parse(fs.readFileSync(path.join(fixtureDir, file), 'utf8')) as MixupCase[]));
  }
  return out;
}

/** How many written forms of each kind the form groups sample from the vocabulary. */
const formsPerGroup = 60;

/**
 * Cases built from the vocabulary's own written forms, so that every kind of name is measured:
 * brands and accepted synonyms (each written correctly, expected clean, and with a generated
 * slip, expected flagged with that form first), and the forms the build classed as recorded
 * misspellings and foreign forms (data/drug-spellings.tsv), expected flagged with the standard
 * name. Samples are spread evenly over the alphabetical list, so they are the same every run.
 */
export function vocabularyFormCases(vocabulary: Vocabulary, spellingsFile: string): MixupCase[] {
  const cases: MixupCase[] = [];
  const sentence = (w: string) => `Patients in the cohort received ${w} daily, and toxicity was recorded.\n`;
  const unknown = (w: string) => /^[a-z]{5,}$/.test(w) && vocabulary.drugNameIndex(w) < 0 && !vocabulary.isEnglishWord(w);
  const count = vocabulary.meta.drugNameCount;
  for (const role of ['brand', 'synonym'] as const) {
    const indexes: number[] = [];
    for (let i = 0; i < count; i++) if (vocabulary.drugNameRole(i) === role) indexes.push(i);
    const step = Math.max(1, Math.floor(indexes.length / formsPerGroup));
    for (let k = 0; k < indexes.length && cases.filter((c) => c.group === `${role}-slip`).length < formsPerGroup; k += step) {
      const written = vocabulary.drugNameDisplay(indexes[k]);
      const lower = written.toLowerCase();
      cases.push({ group: `correct-${role}`, text: sentence(written), word: written, expect: 'clean' });
      const rand = random(9000 + k);
      const slip = oneEdit(lower, rand);
      if (unknown(slip)) {
        const shown = written[0] === written[0].toUpperCase() ? slip[0].toUpperCase() + slip.slice(1) : slip;
        cases.push({ group: `${role}-slip`, text: sentence(shown), word: shown, expect: 'flag', meant: lower });
      }
    }
  }
  if (fs.existsSync(spellingsFile)) {
    const rows = fs
      .readFileSync(spellingsFile, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('decision'));
    for (const [decision, group] of [
      ['misspelling', 'recorded-misspelling'],
      ['variant', 'foreign-form'],
    ] as const) {
      const ofKind = rows.map((r) => r.split('\t')).filter((r) => r[0] === decision);
      const step = Math.max(1, Math.floor(ofKind.length / formsPerGroup));
      for (let k = 0; k < ofKind.length; k += step) {
        const [, written, drug] = ofKind[k];
        cases.push({ group, text: sentence(written), word: written, expect: 'flag', meant: drug });
      }
    }
  }
  return cases;
}
