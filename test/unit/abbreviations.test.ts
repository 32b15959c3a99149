import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLanguageService } from '../../src/core';
import { abbreviatedStart, isShortFormShaped } from '../../src/core/text/abbreviation';
import { indexShortForms, shortFormUses } from '../../src/core/recognize/abbreviations';
import { neverCancelled } from '../../src/core/types';
import { realTagger, realVocabulary } from '../helpers/vocabularies';

const vocabulary = realVocabulary();
const tagger = realTagger();

/** The long form the Schwartz–Hearst test finds for a short form in the words before it, or undefined. */
function longForm(short: string, before: string): string | undefined {
  const start = abbreviatedStart(short, before);
  return start < 0 ? undefined : before.slice(start);
}

test('Schwartz–Hearst: the shortest long form whose word start begins the short form', () => {
  assert.equal(longForm('VPA', 'Patients were given valproic acid'), 'valproic acid');
  assert.equal(longForm('STZ', 'diabetes was induced with streptozotocin'), 'streptozotocin');
  assert.equal(longForm('5-FU', 'adjuvant 5-fluorouracil'), '5-fluorouracil');
  assert.equal(longForm('METH', 'chronic methamphetamine'), 'methamphetamine');
  assert.equal(longForm('HSP', 'induction of the heat shock protein'), 'heat shock protein');
  assert.equal(longForm('rhEPO', 'recombinant human erythropoietin'), 'recombinant human erythropoietin');
  assert.equal(longForm('TNF-α', 'serum tumour necrosis factor α'), 'tumour necrosis factor α');
});

test('Schwartz–Hearst: a short form whose letters are not in the words before is no abbreviation of them', () => {
  assert.equal(longForm('NMDA', 'ketamine'), undefined);
  assert.equal(longForm('VPA', 'sodium levels'), undefined);
  // The first letter must start a word: 'a' inside 'valproate' does not begin 'APV'.
  assert.equal(longForm('APV', 'valproate'), undefined);
});

test('short forms have the shape of an abbreviation, not of a remark in parentheses', () => {
  for (const short of ['VPA', 'STZ', '5-FU', 'IL-6', 'rhEPO', 'NF-κB']) assert.ok(isShortFormShaped(short), short);
  for (const remark of ['n = 12 per group', '12', 'see Table 2 for doses', 'a']) assert.ok(!isShortFormShaped(remark), remark);
});

async function analyse(text: string, withTagger = false) {
  const service = createLanguageService({ vocabulary, tagger: withTagger ? tagger : undefined });
  const document = { uri: 'file:///notes/abbreviations.md', version: 1, text };
  const analysis = await service.analyze(document, neverCancelled);
  const hover = async (word: string, occurrence = 0) => {
    let at = -1;
    for (let i = 0; i <= occurrence; i++) at = text.indexOf(word, at + 1);
    return (await service.hover(document, at, neverCancelled))?.markdown ?? '';
  };
  return { ...analysis, hover };
}

test('a defined short form is the defined entity from then on, and its hover says where it was defined', async () => {
  const text = 'Seizure control\n\nValproic acid (VPA) was started at 500 mg.\nVPA levels were checked weekly; VPA-induced tremor was mild.\n';
  const { entities, findings, hover } = await analyse(text);
  const vpa = entities.filter((e) => e.text === 'VPA');
  assert.equal(vpa.length, 3);
  for (const mention of vpa) assert.equal(mention.canonical, 'valproic acid');
  assert.deepEqual(findings, []);
  const card = await hover('VPA', 1);
  assert.match(card, /VPA: defined on line 3 as Valproic acid/);
  assert.match(card, /\*\*Valproic acid\*\* · drug/);
});

test('a short form used before its definition is an information finding whose fix defines it there', async () => {
  const text = 'STZ rats lost weight.\n\nDiabetes was induced with streptozotocin (STZ) in week 1; STZ was given once.\n';
  const { entities, findings } = await analyse(text);
  assert.deepEqual(
    findings.map((f) => [f.code, f.text, f.start, f.severity]),
    [['abbreviation-before-definition', 'STZ', 0, 'information']],
  );
  assert.equal(findings[0].data.suggestions[0], 'streptozotocin (STZ)');
  assert.match(findings[0].message, /defined on line 3 as streptozotocin/);
  assert.equal(entities.filter((e) => e.text === 'STZ').length, 3);
});

test('parentheses after words that are no entity define nothing', async () => {
  const text = 'The quality of life questionnaire (QLQ) was filled in. QLQ scores rose.\n';
  const { entities, findings } = await analyse(text);
  assert.deepEqual(
    entities.filter((e) => e.text === 'QLQ'),
    [],
  );
  assert.deepEqual(findings, []);
});

test('a short form of a chemical the vocabulary does not know is that chemical too, with the long form on its card', async () => {
  const text = 'Hens were dosed with tri-ortho-cresyl phosphate (TOCP) once.\n\nTwo weeks after TOCP the hens were ataxic.\n';
  const { entities, findings, hover } = await analyse(text, true);
  const tocp = entities.filter((e) => e.text === 'TOCP');
  assert.equal(tocp.length, 2);
  for (const mention of tocp) assert.deepEqual([mention.kind, mention.canonical], ['drug', 'tri-ortho-cresyl phosphate']);
  assert.deepEqual(findings, []);
  const card = await hover('TOCP', 1);
  assert.match(card, /TOCP: defined on line 1 as tri-ortho-cresyl phosphate/);
  assert.match(card, /\*\*tri-ortho-cresyl phosphate\*\* · chemical mention/);
});

test('a long form does not reach back past a parenthesis, and the short form ends in a letter of the entity', async () => {
  const text =
    'Patients received succinylcholine (Group PS) or rocuronium (Group PR) before intubation. Group PR had no fasciculations.\n\n' +
    'Expression of the inducible form of nitric oxide (iNOS) rose.\n';
  const { entities } = await analyse(text, true);
  assert.deepEqual(
    entities.filter((e) => e.text === 'Group PR'),
    [],
  );
  assert.deepEqual(
    entities.filter((e) => e.text === 'iNOS' && e.kind === 'drug'),
    [],
  );
});

test('short forms are found where a whole-word pattern of them finds them, in any prose', () => {
  // The pattern is how the uses were first found: every short form tried at every character.
  const reference = (prose: string, shorts: readonly string[]) => {
    const alternatives = [...shorts].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
    return [...prose.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  };
  const piece = fc.constantFrom('VPA', 'VP', 'IL-6', 'IL-6R', 'IL', '5-FU', 'FU', 'é', 'Aβ', '𝛼', 'β2', 'NF-κB', '-', ' ', '(', ')', 'x', '6', 'a');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), fc.uniqueArray(piece, { minLength: 1, maxLength: 6 }), fc.nat(), fc.nat(), (pieces, shortList, a, b) => {
      const shorts = shortList.filter((s) => /^[\p{L}\p{N}]/u.test(s));
      const text = pieces.join('');
      // Segments end between pieces, as prose segments do between characters, never inside one.
      const [first, last] = [a % (pieces.length + 1), b % (pieces.length + 1)].sort((x, y) => x - y);
      const start = pieces.slice(0, first).join('').length;
      const end = pieces.slice(0, last).join('').length;
      const found = [...shortFormUses(text, { start, end }, indexShortForms(shorts))];
      const expected = shorts.length === 0 ? [] : reference(text.slice(start, end), shorts).map((u) => ({ ...u, start: u.start + start, end: u.end + start }));
      assert.deepEqual(found, expected);
    }),
    { numRuns: 2000 },
  );
});
