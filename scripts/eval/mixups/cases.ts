import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Vocabulary } from '../../../src/core/vocabulary/vocabulary';
import { editDistance } from '../../../src/core/text/similarity';
import { oneSlip, random, respell } from './slips';

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
  /**
   * Which half of the set the case is in: the ranking's weights are tuned on 'tune' and
   * reported on both, so a figure on 'report' says how they do on cases they were not fitted to.
   */
  half?: 'tune' | 'report';
}

/** A stable half for a case, from a hash of its group and text (FNV-1a). */
export function halfOf(c: Pick<MixupCase, 'group' | 'text'>): 'tune' | 'report' {
  let h = 0x811c9dc5;
  for (const ch of `${c.group}\0${c.text}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (h >>> 0) % 2 === 0 ? 'tune' : 'report';
}

/**
 * The note a slip is written in. Real notes seldom name a drug once: a third of the cases are a
 * lone sentence, a third a note about the meant drug (it is written correctly twice more, with
 * what it treats), and a third a note that keeps naming a look-alike of the meant drug, so that
 * neither the drug a note is about nor the lone sentence is the only thing the ranking sees.
 * The slip comes first, so that the case's word is found at its first occurrence.
 */
function noteFor(slip: string, meant: string, vocabulary: Vocabulary, rand: () => number): string {
  const lead = `Patients in the cohort received ${slip} daily, and toxicity was recorded.\n`;
  const nameIndex = vocabulary.drugNameIndex(meant.toLowerCase());
  const mode = Math.floor(rand() * 3);
  if (nameIndex < 0 || mode === 0) return lead;
  const entity = vocabulary.drugNameEntity(nameIndex);
  if (mode === 1) {
    const treats = vocabulary.knowledge(entity)?.indications?.[0]?.text ?? vocabulary.entity(entity).indications?.[0];
    const why = treats ? ` for ${treats}` : '';
    return `${lead}\nWe reviewed 40 patients given ${meant}${why}. Doses of ${meant} were reduced in six.\n`;
  }
  const rivals = vocabulary.neighbours(nameIndex).filter((n) => vocabulary.drugNameEntity(n) !== entity);
  if (rivals.length === 0) return lead;
  const rival = vocabulary.drugNameDisplay(rivals[Math.floor(rand() * rivals.length)]);
  return `${lead}\nThe comparison arm took ${rival}. Of those on ${rival}, nine stopped ${rival} early.\n`;
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
      const one = oneSlip(name, rand);
      if (usable(one) && !seen.has(one)) {
        seen.add(one);
        cases.push({ group: 'one-edit', text: noteFor(one, name, vocabulary, rand), word: one, expect: 'flag', meant: name });
      }
      const two = oneSlip(oneSlip(name, rand), rand);
      if (usable(two) && !seen.has(two)) {
        seen.add(two);
        cases.push({ group: 'two-edit', text: noteFor(two, name, vocabulary, rand), word: two, expect: 'flag', meant: name });
      }
    }
    const sound = respell(name);
    if (sound !== name && usable(sound))
      cases.push({ group: 'phonetic', text: noteFor(sound, name, vocabulary, rand), word: sound, expect: 'flag', meant: name });
  });
  englishSources.forEach((word, n) => {
    const rand = random(5000 + n);
    for (let k = 0; k < 2; k++) {
      const typo = oneSlip(word, rand);
      if (typo !== word && !vocabulary.isEnglishWord(typo)) cases.push({ group: 'english-typo', text: sentence(typo), word: typo, expect: 'clean' });
    }
  });
  return cases;
}

/** How many drugs in use the approved-slip group samples. */
const approvedSample = 300;

/**
 * Slips of drugs in use: generic names that DrugCentral or Open Targets give an indication,
 * sampled evenly over the alphabetical list, one slip each (two for names of ten letters or
 * more, as long names draw more). These are the names people write, and the group is broad
 * enough that the ranking's weights are tuned on many drugs, not the few of sourceDrugs.
 */
export function approvedDrugCases(vocabulary: Vocabulary): MixupCase[] {
  const usable = (w: string) => /^[a-z]{5,}$/.test(w) && vocabulary.drugNameIndex(w) < 0 && !vocabulary.isEnglishWord(w);
  const inUse: string[] = [];
  for (let i = 0; i < vocabulary.meta.drugNameCount; i++) {
    const name = vocabulary.drugName(i);
    if (vocabulary.drugNameRole(i) !== 'generic' || !/^[a-z]{6,}$/.test(name)) continue;
    if ((vocabulary.knowledge(vocabulary.drugNameEntity(i))?.indications?.length ?? 0) > 0) inUse.push(name);
  }
  inUse.sort();
  const cases: MixupCase[] = [];
  const step = Math.max(1, Math.floor(inUse.length / approvedSample));
  for (let k = 0; k < inUse.length; k += step) {
    const name = inUse[k];
    const rand = random(20000 + k);
    const slip = name.length >= 10 && rand() < 0.5 ? oneSlip(oneSlip(name, rand), rand) : oneSlip(name, rand);
    if (usable(slip)) cases.push({ group: 'approved-slip', text: noteFor(slip, name, vocabulary, rand), word: slip, expect: 'flag', meant: name });
  }
  return cases;
}

/** How many slips of a drug are tried for one that is as close to a look-alike as to the drug. */
const ambiguousTries = 40;

/**
 * Slips the document decides: a slip of one drug that is as close in spelling to a look-alike
 * neighbour, or closer ('letrozole' slipped towards 'levamisole'), written in a note about the
 * meant drug. For a curated drug the note speaks its card's context phrases; for the neighbour,
 * what its sources say it treats; in half the notes the meant drug is also named twice. Each
 * pair gives one case each way, so the document's weights cannot win by always favouring one.
 */
export function documentDecidedCases(vocabulary: Vocabulary): MixupCase[] {
  const usable = (w: string) => /^[a-z]{5,}$/.test(w) && vocabulary.drugNameIndex(w) < 0 && !vocabulary.isEnglishWord(w);
  const cases: MixupCase[] = [];
  const about = (nameIndex: number): string[] => {
    const entityIndex = vocabulary.drugNameEntity(nameIndex);
    const entity = vocabulary.entity(entityIndex);
    if ((entity.context?.length ?? 0) >= 3) return entity.context!.slice(0, 3);
    return (vocabulary.knowledge(entityIndex)?.indications ?? []).slice(0, 2).map((i) => i.text);
  };
  const ambiguousSlip = (meant: string, rival: string, rand: () => number): string | undefined => {
    for (let t = 0; t < ambiguousTries; t++) {
      const slip = oneSlip(oneSlip(meant, rand), rand);
      const toMeant = editDistance(slip, meant, 3);
      if (usable(slip) && toMeant <= 2 && editDistance(slip, rival, 3) <= toMeant) return slip;
    }
    return undefined;
  };
  for (let i = 0; i < vocabulary.meta.drugNameCount; i++) {
    if (vocabulary.drugNameRole(i) !== 'generic' || !vocabulary.entity(vocabulary.drugNameEntity(i)).curated) continue;
    const rand = random(30000 + i);
    for (const n of vocabulary.neighbours(i)) {
      if (vocabulary.drugNameEntity(n) === vocabulary.drugNameEntity(i) || vocabulary.drugNameRole(n) !== 'generic') continue;
      for (const [meant, rival] of [
        [i, n],
        [n, i],
      ]) {
        const phrases = about(meant);
        const slip = ambiguousSlip(vocabulary.drugName(meant), vocabulary.drugName(rival), rand);
        if (phrases.length === 0 || !slip) continue;
        const name = vocabulary.drugName(meant);
        const named = rand() < 0.5 ? ` ${name} was continued; ${name} doses were unchanged.` : '';
        const text = `# Review\n\nIn ${phrases.join(', and ')}, ${slip} was given daily.${named}\n`;
        cases.push({ group: 'document-decided', text, word: slip, expect: 'flag', meant: name });
      }
    }
  }
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
      const slip = oneSlip(lower, rand);
      if (unknown(slip)) {
        const shown = written[0] === written[0].toUpperCase() ? slip[0].toUpperCase() + slip.slice(1) : slip;
        cases.push({ group: `${role}-slip`, text: noteFor(shown, written, vocabulary, rand), word: shown, expect: 'flag', meant: lower });
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
