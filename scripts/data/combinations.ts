import type { EntityRecord } from '../../src/core/vocabulary/model';
import { type EntityDraft, lower, pushUnique } from './draft';
import { capitaliseBrand } from './drugAliases';
import type { FdsVariant } from './fds';
import { pharmgkbChemicalsFile, pharmgkbList } from './knowledge/pharmgkb';
import type { SourceInfo } from './sources';
import type { Table } from './table';

/**
 * Fixed-dose combination products, named by their brands: Entresto (sacubitril and valsartan),
 * Sinemet (carbidopa and levodopa), Augmentin, Truvada. Writers use these brands as drug names,
 * and no single-drug record holds them; each becomes a drug entity of its own whose card names
 * its ingredients (each with its own card) and carries their targets and classes.
 */

/** A brand and the ingredients a source gives it, as the source writes them. */
export interface CombinationBrand {
  brand: string;
  ingredients: string[];
}

/** 'Sinemet (carbidopa + levodopa)' in PharmGKB's Brand Mixtures column. */
const mixture = /^(.+?)\s*\(([^()]*\+[^()]*)\)$/;

/** PharmGKB's brand mixtures: every chemical's row lists the combination brands it is part of. */
export function readPharmgkbMixtures(table: Table): { brands: CombinationBrand[]; source: SourceInfo } {
  const mixtures = table.reader('Brand Mixtures');
  const brands: CombinationBrand[] = [];
  for (const row of table.rows) {
    for (const item of pharmgkbList(mixtures(row))) {
      const m = mixture.exec(item);
      if (m) brands.push({ brand: m[1], ingredients: m[2].split('+').map((part) => part.trim()) });
    }
  }
  return {
    brands,
    source: {
      file: pharmgkbChemicalsFile,
      what: 'Brand mixtures: combination brands and their ingredients (the Brand Mixtures column)',
      version: 'PharmGKB 2023-12',
      licence: 'CC BY-SA 4.0',
      attribution: 'PharmGKB (pharmgkb.org), Whirl-Carrillo et al.',
      rows: table.rows.length,
    },
  };
}

/** FDS lists a combination under its ingredients' names joined: 'valsartan and sacubitril', 'abacavir, dolutegravir, and lamivudine'. */
export function fdsCombinationBrands(variants: readonly FdsVariant[]): CombinationBrand[] {
  const brands: CombinationBrand[] = [];
  for (const variant of variants) {
    if (!/ and /.test(variant.canonical) || variant.isBrand === 'False' || lower(variant.variant) === lower(variant.canonical)) continue;
    brands.push({ brand: capitaliseBrand(variant.variant), ingredients: variant.canonical.split(/,\s*(?:and\s+)?|\s+and\s+/).map((part) => part.trim()) });
  }
  return brands;
}

/** Salt and ester words an ingredient is written with, beside the drug's own name: 'abacavir sulfate', 'potassium clavulanate'. */
const saltWord = /^(?:sulfate|sulphate|hydrochloride|hcl|bitartrate|maleate|mesylate|besylate|tartrate|succinate|fumarate|citrate|acetate|phosphate|bromide|sodium|potassium|calcium|magnesium|disoproxil|alafenamide|dipropionate|propionate|furoate)$/i;

/** A brand as a card and the index keep it: one to three words of letters, the first capitalised. */
const brandShape = /^[A-Z][A-Za-z-]{3,}(?: [A-Za-z][A-Za-z-]*){0,2}$/;

/**
 * One drug entity per set of ingredients, holding the brands of that set: only where every
 * ingredient is a drug the vocabulary has, at least two, and the brand names no single drug
 * already (a source's error, or a brand also sold alone).
 */
export function buildCombinations(brands: readonly CombinationBrand[], drugs: readonly EntityDraft[]): EntityDraft[] {
  const byName = new Map<string, EntityDraft>();
  for (const draft of drugs) {
    for (const name of [draft.record.canonical, draft.record.name, ...draft.terms.filter((t) => t.role === 'generic' || t.role === 'synonym').map((t) => t.text)]) {
      if (!byName.has(lower(name))) byName.set(lower(name), draft);
    }
  }
  const singleDrugNames = new Set(drugs.flatMap((draft) => draft.terms.map((t) => lower(t.text))));
  const ingredientOf = (written: string): EntityDraft | undefined => {
    const words = written.split(/\s+/);
    const bare = words.filter((word) => !saltWord.test(word)).join(' ');
    return byName.get(lower(written)) ?? (bare ? byName.get(lower(bare)) : undefined);
  };
  const combinations = new Map<string, { ingredients: EntityDraft[]; brands: string[] }>();
  for (const { brand, ingredients } of brands) {
    if (!brandShape.test(brand) || singleDrugNames.has(lower(brand))) continue;
    const found = ingredients.map(ingredientOf);
    if (found.length < 2 || found.some((draft) => draft === undefined)) continue;
    const unique = [...new Set(found as EntityDraft[])].sort((a, b) => a.record.canonical.localeCompare(b.record.canonical));
    if (unique.length < 2) continue;
    const key = unique.map((draft) => draft.record.id).join('+');
    const entry = combinations.get(key) ?? { ingredients: unique, brands: [] };
    pushUnique(entry.brands, brand, lower);
    combinations.set(key, entry);
  }
  return [...combinations.values()].map(({ ingredients, brands: names }) => combinationDraft(ingredients, names.sort()));
}

function combinationDraft(ingredients: readonly EntityDraft[], brands: readonly string[]): EntityDraft {
  const canonicals = ingredients.map((draft) => draft.record.canonical);
  const union = (field: 'targets' | 'classes') => {
    const out: string[] = [];
    for (const draft of ingredients) for (const value of draft.record[field] ?? []) pushUnique(out, value, lower);
    return out;
  };
  const targets = union('targets');
  const classes = union('classes');
  const record: EntityRecord = {
    id: `biolens:combination/${canonicals.map((name) => name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()).join('+')}`,
    kind: 'drug',
    canonical: canonicals.join('/'),
    name: capitaliseBrand(canonicals.join(' and ')),
    ingredients: canonicals,
    brands: [...brands],
    ...(targets.length ? { targets } : {}),
    ...(classes.length ? { classes } : {}),
  };
  return { record, terms: brands.map((brand) => ({ text: brand, role: 'brand', caseSensitive: false })) };
}
