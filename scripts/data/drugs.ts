import type { EntityRecord } from '../../src/core/vocabulary/model';
import { editDistance } from '../../src/core/text/similarity';
import { type DraftTerm, type EntityDraft, lower, pushUnique } from './draft';
import {
  acronymFitsNames,
  capitaliseBrand,
  classifyDevelopmentCode,
  isAcronym,
  isBrandShaped,
  isRegimenName,
  isSystematicChemicalName,
  markedTradeName,
  sponsorPrefixesOf,
} from './drugAliases';
import type { DrugbankDrug } from './drugbank';
import type { Drugcentral } from './drugcentral';
import type { FdsVariant } from './fds';
import type { LincsCompound } from './indra';
import type { OncologyAlias, OncologyTarget } from './pharmoncox';

/** Cards list at most this many synonyms and codes. */
const maxCardEntries = 12;

export interface DrugInputs {
  drugbank: DrugbankDrug[];
  chemblByDrugbank: Map<string, string>;
  fds: FdsVariant[];
  oncologyAliases: OncologyAlias[];
  oncologyTargets: OncologyTarget[];
  lincs: LincsCompound[];
  drugcentral: Pick<Drugcentral, 'idsByDrug' | 'targets' | 'classes'>;
  /** The approved HGNC symbol for a target symbol DrugCentral may write in an older form. */
  currentGeneSymbol: (symbol: string) => string;
}

/** A drug entity while sources are merged into it. */
interface DrugDraft {
  record: EntityRecord;
  terms: DraftTerm[];
  /** Lower-cased names and synonyms, to tell a brand from a spelling variant. */
  knownNames: string[];
  brands: string[];
  /** Card form of each code, by `codeKey`. */
  codes: Map<string, string>;
  mainTargets: string[];
  otherTargets: string[];
  oncologyTargets: string[];
  epcClasses: string[];
  moaClasses: string[];
}

/** 'PD-0332991', 'PD 0332991' and 'PD0332991' are one code on a card. */
const codeKey = (code: string): string => code.toUpperCase().replace(/[- ]/g, '');

/** FDA class names made readable and comparable: 'Kinase Inhibitors' and 'Kinase Inhibitor' are one. */
export function readableClassName(name: string): string {
  return name.replace(/ Interactions$/, '').trim();
}
const classKey = (name: string): string =>
  name
    .toLowerCase()
    .split(/\s+/)
    .map((word) => (word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word))
    .join(' ');

/** Id for an oncology drug that has neither a DrugBank nor a ChEMBL id: 'NCIt:h115d-vhl35-peptide'. */
export function nciNameId(displayName: string): string {
  const slug = displayName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `NCIt:${slug}`;
}

/**
 * Names FDS files under one drug that name something else: a protein ('interleukin-2',
 * 'thyrotropin-releasing hormone'), a class (a plural word, a hormone class), or a mixture
 * ('elagolix, estradiol, and norethindrone').
 */
const notOneDrugsName =
  /factor|interleukin|interferon|antigen|hormone|peptide|protein|globulin|albumin|hemoglobin|insulin|vaccine|ases?\b|[^siu]s\b|,| and |^(?:o?estrogen|androgen|progestin|progestogen|steroid|corticosteroid|glucocorticoid|opioid)$/;

/**
 * Drug entities from DrugBank, extended with brands (FDS, pharmOncoX), development codes
 * (pharmOncoX, HMS LINCS), targets and classes (DrugCentral, pharmOncoX), and the oncology
 * drugs DrugBank lacks.
 */
export function buildDrugs(inputs: DrugInputs): EntityDraft[] {
  const drafts = new Map<string, DrugDraft>();
  const byName = new Map<string, string>(); // lower-cased generic name → entity id
  const bySynonym = new Map<string, Set<string>>(); // lower-cased synonym → entity ids
  const byChembl = new Map<string, string>();

  const addDraft = (record: EntityRecord): DrugDraft => {
    const draft: DrugDraft = {
      record,
      terms: [{ text: record.name, role: 'generic', caseSensitive: false }],
      knownNames: [lower(record.name)],
      brands: [],
      codes: new Map(),
      mainTargets: [],
      otherTargets: [],
      oncologyTargets: [],
      epcClasses: [],
      moaClasses: [],
    };
    drafts.set(record.id, draft);
    if (!byName.has(lower(record.name))) byName.set(lower(record.name), record.id);
    return draft;
  };
  /** Adds a synonym and returns its term, unless it is a systematic chemical name. */
  const addSynonym = (draft: DrugDraft, synonym: string): DraftTerm | undefined => {
    if (isSystematicChemicalName(synonym)) return undefined;
    const term: DraftTerm = { text: synonym, role: 'synonym', caseSensitive: false };
    draft.terms.push(term);
    pushUnique(draft.knownNames, lower(synonym));
    let ids = bySynonym.get(lower(synonym));
    if (!ids) bySynonym.set(lower(synonym), (ids = new Set()));
    ids.add(draft.record.id);
    return term;
  };
  const setChembl = (draft: DrugDraft, chembl: string) => {
    if (chembl === '') return;
    draft.record.xrefs ??= {};
    draft.record.xrefs.ChEMBL ??= chembl;
    if (!byChembl.has(chembl)) byChembl.set(chembl, draft.record.id);
  };
  /** A drug by generic name, then ChEMBL id, then a synonym that names only one drug. */
  const resolve = (name: string, chembl: string): DrugDraft | undefined => {
    const id =
      byName.get(lower(name)) ??
      (chembl ? byChembl.get(chembl) : undefined) ??
      (() => {
        const ids = bySynonym.get(lower(name));
        return ids?.size === 1 ? [...ids][0] : undefined;
      })();
    return id === undefined ? undefined : drafts.get(id);
  };

  // DrugBank: the backbone.
  for (const drug of inputs.drugbank) {
    const draft = addDraft({
      id: drug.id,
      kind: 'drug',
      canonical: lower(drug.name),
      name: drug.name,
      xrefs: {
        DrugBank: drug.id,
        ...(drug.cas ? { CAS: drug.cas } : {}),
        ...(drug.unii ? { UNII: drug.unii } : {}),
      },
    });
    for (const synonym of drug.synonyms) addSynonym(draft, synonym);
    setChembl(draft, inputs.chemblByDrugbank.get(drug.id) ?? '');
  }

  // DrugCentral ids: ChEMBL where INDRA has none, and MeSH (descriptor before supplementary record).
  const drugcentralDrafts = new Map<string, DrugDraft[]>();
  for (const [drugId, ids] of inputs.drugcentral.idsByDrug) {
    const found = ids.drugbank.map((id) => drafts.get(id)).filter((d): d is DrugDraft => d !== undefined);
    for (const draft of found) {
      setChembl(draft, [...ids.chembl].sort()[0] ?? '');
      const mesh = [...ids.meshDescriptors].sort()[0] ?? [...ids.meshSupplementary].sort()[0];
      if (mesh) {
        draft.record.xrefs ??= {};
        draft.record.xrefs.MeSH ??= mesh;
      }
    }
    if (found.length) drugcentralDrafts.set(drugId, found);
  }

  // pharmOncoX: oncology drugs, joined by name or ChEMBL id; the others become entities.
  const groups = new Map<string, OncologyAlias[]>();
  for (const row of inputs.oncologyAliases) {
    if (isRegimenName(row.displayName)) continue;
    let group = groups.get(row.displayName);
    if (!group) groups.set(row.displayName, (group = []));
    group.push(row);
  }
  const oncologyNames = new Set([...groups.keys()].map(lower));
  const oncologyDraft = new Map<string, DrugDraft>(); // display name → entity
  for (const [displayName, rows] of groups) {
    const chembl = rows.find((row) => row.chemblId !== '')?.chemblId ?? '';
    let draft = resolve(displayName, chembl);
    if (!draft) {
      const id = chembl || nciNameId(displayName);
      draft =
        drafts.get(id) ??
        addDraft({ id, kind: 'drug', canonical: lower(displayName), name: displayName, ...(chembl ? { xrefs: { ChEMBL: chembl } } : {}) });
      if (!byName.has(lower(displayName))) byName.set(lower(displayName), draft.record.id);
      setChembl(draft, chembl);
    }
    if (!draft.knownNames.includes(lower(displayName))) addSynonym(draft, displayName);
    oncologyDraft.set(displayName, draft);
  }

  /** Whether a candidate brand is a name in its own right rather than a spelling of the drug's. */
  const isNewBrand = (draft: DrugDraft, brand: string, trustMark: boolean): boolean => {
    const key = lower(brand);
    if (byName.has(key) || oncologyNames.has(key)) return false; // another drug's generic name
    if (key.includes(draft.record.canonical)) return false; // a generic maker's label ('Apo-tamoxifen')
    if (trustMark) return true;
    if (bySynonym.has(key)) return false; // DrugBank lists no brands among synonyms
    // Plain Levenshtein here (no transpositions), as the variants were first selected with.
    return !draft.knownNames.some((known) => editDistance(key, known, 2, false) <= 2);
  };
  const addBrand = (draft: DrugDraft, brand: string) => {
    const existing = draft.brands.findIndex((b) => lower(b) === lower(brand));
    // Prefer the source's own capitals ('Femara') over a capitalised lower-case form.
    if (existing >= 0) {
      if (draft.brands[existing] === capitaliseBrand(lower(brand)) && brand !== lower(brand)) draft.brands[existing] = brand;
      return;
    }
    draft.brands.push(brand === lower(brand) ? capitaliseBrand(brand) : brand);
  };
  const addCode = (draft: DrugDraft, code: string) => {
    draft.terms.push({ text: code, role: 'code', caseSensitive: true });
    // A card shows one form per code: the first seen, but a spaced form gives way to a joined one.
    const key = codeKey(code);
    const shown = draft.codes.get(key);
    if (shown === undefined || (shown.includes(' ') && !code.includes(' '))) draft.codes.set(key, code);
  };
  const sponsorPrefixes = sponsorPrefixesOf(inputs.oncologyAliases.map((row) => row.alias));

  for (const [displayName, rows] of groups) {
    const draft = oncologyDraft.get(displayName)!;
    for (const { alias } of rows) {
      const verdict = classifyDevelopmentCode(alias, sponsorPrefixes);
      if ('code' in verdict) {
        addCode(draft, verdict.code);
        continue;
      }
      const tradeName = markedTradeName(alias);
      if (tradeName !== undefined) {
        if (isNewBrand(draft, tradeName, true)) addBrand(draft, tradeName);
      } else if (alias === lower(alias) && isBrandShaped(alias) && isNewBrand(draft, alias, false)) {
        // NCI Thesaurus synonyms (all lower case) list brand names among other names.
        addBrand(draft, alias);
      }
    }
  }

  /**
   * FDS's own name for a drug DrugBank names otherwise ('mesna', DrugBank's Coenzyme M), unless
   * another drug has the name, or it names a class ('hydroxyquinolines', 'estrogen'), a mixture
   * or a protein, as the gene vocabulary does ('interleukin-2', not aldesleukin).
   */
  const isOwnNameToAdd = (draft: DrugDraft, key: string): boolean =>
    !draft.knownNames.includes(key) && !byName.has(key) && !bySynonym.has(key) && !notOneDrugsName.test(key);
  /** The row of FDS's own name for a DrugBank drug: the name it files the drug under, marked no brand. */
  const isFdsOwnName = (variant: FdsVariant): boolean =>
    variant.isBrand === 'False' && variant.drugbankId !== '' && lower(variant.variant) === lower(variant.canonical);

  // Names FDS gives too (from MeSH, MedlinePlus, Wikipedia): 'ecstasy' is attested, DrugBank's 'MONITOR' is not.
  // FDS's own name for a drug, where DrugBank has it as a synonym, is a generic name of the drug:
  // the US adopted name beside DrugBank's international one ('benztropine' beside benzatropine,
  // 'torsemide' beside torasemide), which must not be judged a recorded misspelling of it.
  for (const variant of inputs.fds) {
    if (variant.isBrand === 'True') continue;
    const draft = variant.drugbankId ? drafts.get(variant.drugbankId) : drafts.get(byName.get(lower(variant.canonical)) ?? '');
    const key = lower(variant.variant);
    for (const term of draft?.terms ?? []) {
      if ((term.role !== 'synonym' && term.role !== 'generic') || lower(term.text) !== key) continue;
      term.attested = true;
      if (isFdsOwnName(variant) && !notOneDrugsName.test(key)) term.role = 'generic';
    }
  }

  // FDS brands: flagged ones, and unflagged variants that are neither a synonym nor a spelling of the name.
  for (const variant of inputs.fds) {
    if (variant.isBrand === 'False') continue;
    // By id, else by the name FDS files it under, a generic or a synonym of one drug only ('thyroxine' for Synthroid).
    const draft = (variant.drugbankId ? drafts.get(variant.drugbankId) : undefined) ?? resolve(variant.canonical, '');
    if (!draft) continue;
    const text = variant.variant;
    if (variant.isBrand === 'True') {
      if (/^[A-Za-z][A-Za-z0-9 -]*[A-Za-z0-9]$/.test(text) && isNewBrand(draft, text, true)) addBrand(draft, text);
    } else if (variant.isBrand === '' && isBrandShaped(text) && isNewBrand(draft, text, false)) {
      addBrand(draft, text);
    }
  }

  // FDS's own names, after its brands: a brand is judged against the names DrugBank gives ('Mesnex' beside 'mesna').
  for (const variant of inputs.fds) {
    const draft = isFdsOwnName(variant) ? drafts.get(variant.drugbankId) : undefined;
    const added = draft && isOwnNameToAdd(draft, lower(variant.variant)) ? addSynonym(draft, variant.variant) : undefined;
    if (added) added.attested = true;
  }

  // HMS LINCS alternative names: development codes of compounds DrugBank or pharmOncoX name.
  for (const compound of inputs.lincs) {
    const draft = resolve(compound.name, compound.chemblId);
    if (!draft) continue;
    for (const name of compound.alternativeNames) {
      const verdict = classifyDevelopmentCode(name);
      if ('code' in verdict) addCode(draft, verdict.code);
    }
  }

  // DrugCentral targets and classes.
  for (const target of inputs.drugcentral.targets) {
    const found = [...(drugcentralDrafts.get(target.drugId) ?? [])];
    const byTargetChembl = target.chemblId ? drafts.get(byChembl.get(target.chemblId) ?? '') : undefined;
    if (byTargetChembl && !found.includes(byTargetChembl)) found.push(byTargetChembl);
    for (const draft of found) {
      for (const gene of target.genes) {
        pushUnique(target.actionType ? draft.mainTargets : draft.otherTargets, inputs.currentGeneSymbol(gene));
      }
    }
  }
  for (const entry of inputs.drugcentral.classes) {
    for (const draft of drugcentralDrafts.get(entry.drugId) ?? []) {
      pushUnique(entry.type === 'EPC' ? draft.epcClasses : draft.moaClasses, readableClassName(entry.name));
    }
  }
  for (const target of inputs.oncologyTargets) {
    for (const drugName of target.drugNames) {
      const draft = oncologyDraft.get(drugName) ?? resolve(drugName, '');
      if (draft) pushUnique(draft.oncologyTargets, inputs.currentGeneSymbol(target.symbol));
    }
  }

  return [...drafts.values()].map(finishDrug);
}

function finishDrug(draft: DrugDraft): EntityDraft {
  const record = draft.record;
  // An acronym no second source gives and none of the drug's names expands is another substance's ('NMDA' for ketamine).
  const names = [record.name, ...draft.terms.filter((t) => t.role === 'synonym' || t.role === 'generic').map((t) => t.text)];
  draft.terms = draft.terms.filter((t) => t.role !== 'synonym' || !isAcronym(t.text) || t.attested === true || acronymFitsNames(t.text, names));
  const synonyms: string[] = [];
  for (const term of draft.terms) {
    if ((term.role === 'synonym' || term.role === 'generic') && lower(term.text) !== lower(record.name)) pushUnique(synonyms, term.text, lower);
  }
  const targets: string[] = [];
  for (const gene of [...draft.mainTargets.sort(), ...draft.otherTargets.sort(), ...draft.oncologyTargets.sort()]) {
    pushUnique(targets, gene);
  }
  const classes: string[] = [];
  for (const name of [...draft.epcClasses, ...draft.moaClasses]) pushUnique(classes, name, classKey);
  const terms = [...draft.terms, ...draft.brands.map((brand): DraftTerm => ({ text: brand, role: 'brand', caseSensitive: false }))];
  return {
    record: {
      id: record.id,
      kind: 'drug',
      canonical: record.canonical,
      name: record.name,
      ...(synonyms.length ? { synonyms: synonyms.slice(0, maxCardEntries) } : {}),
      ...(record.xrefs && Object.keys(record.xrefs).length ? { xrefs: sortedXrefs(record.xrefs) } : {}),
      ...(targets.length ? { targets } : {}),
      ...(classes.length ? { classes } : {}),
      ...(draft.brands.length ? { brands: draft.brands } : {}),
      ...(draft.codes.size ? { codes: [...draft.codes.values()].slice(0, maxCardEntries) } : {}),
    },
    terms,
  };
}

const xrefOrder = ['DrugBank', 'ChEMBL', 'MeSH', 'CAS', 'UNII', 'NCIt'] as const;
function sortedXrefs(xrefs: NonNullable<EntityRecord['xrefs']>): NonNullable<EntityRecord['xrefs']> {
  const sorted: NonNullable<EntityRecord['xrefs']> = {};
  for (const key of xrefOrder) if (xrefs[key] !== undefined) sorted[key] = xrefs[key];
  return sorted;
}
