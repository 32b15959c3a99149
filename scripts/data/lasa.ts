import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceInfo } from './sources';
import { readText } from './table';

/**
 * Look-alike/sound-alike (LASA) name lists: the FDA name-differentiation pairs and the Tall Man
 * lettering lists of the FDA, ISMP, Australia and New Zealand. They feed the confusable-neighbour
 * index (pairs) and the cards (each listed drug's Tall Man form).
 */

export const lasaFolder = 'lasa';
export const fdaPairsFile = 'lasa/fda_name_differentiation_pairs_2026-06.tsv';
/** The Tall Man lists, in order of precedence for a drug's form (the US lists first). */
const tallManLists = [
  { file: 'lasa/totallman_FDA.json', what: 'Tall Man lettering: FDA Name Differentiation Project list', licence: 'public domain (US FDA)' },
  { file: 'lasa/totallman_ISMP.json', what: 'Tall Man lettering: FDA and ISMP lists of look-alike drug names', licence: 'FDA part public domain; ISMP list per ISMP' },
  { file: 'lasa/totallman_AU.json', what: 'Tall Man lettering: Australian National Mixed-Case Lettering List (ACSQHC)', licence: 'per ACSQHC' },
  { file: 'lasa/totallman_NZ.json', what: 'Tall Man lettering: Aotearoa New Zealand list (HQSC)', licence: 'per HQSC' },
];
const toTallmanAttribution = 'compiled by MattCordell/ToTallman (github.com/MattCordell/ToTallman, MIT)';

export interface LasaLists {
  /** Lower-case one-word name → its Tall Man form ('hydroxyzine' → 'hydrOXYzine'). */
  tallMan: Map<string, string>;
  /** Lower-case pairs of names the FDA lists as look-alikes (every pair within a group). */
  pairs: Array<[string, string]>;
  sources: SourceInfo[];
}

interface TallManListFile {
  version?: unknown;
  entries?: unknown;
}

/**
 * Reads the LASA lists from <sourceDir>/lasa/. A source folder without them (an older download,
 * a test fixture) gives empty lists: the neighbour index then rests on spelling alone.
 */
export async function readLasa(sourceDir: string): Promise<LasaLists> {
  const out: LasaLists = { tallMan: new Map(), pairs: [], sources: [] };
  if (!existsSync(join(sourceDir, lasaFolder))) return out;

  if (existsSync(join(sourceDir, fdaPairsFile))) {
    const lines = (await readText(join(sourceDir, fdaPairsFile))).split(/\r?\n/).filter((l) => l.trim() !== '');
    const header = lines[0].split('\t');
    const namesColumn = header.indexOf('established_names');
    const formsColumn = header.indexOf('tallman_forms');
    if (namesColumn < 0 || formsColumn < 0) throw new Error(`${fdaPairsFile}: expected columns established_names and tallman_forms`);
    for (const line of lines.slice(1)) {
      const fields = line.split('\t');
      const names = splitGroup(fields[namesColumn] ?? '').map((n) => n.toLowerCase());
      const forms = splitGroup(fields[formsColumn] ?? '');
      for (const form of forms) if (isOneWord(form) && !out.tallMan.has(form.toLowerCase())) out.tallMan.set(form.toLowerCase(), form);
      for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) out.pairs.push([names[i], names[j]]);
    }
    out.sources.push({
      file: fdaPairsFile,
      what: 'FDA Name Differentiation Project: look-alike name pairs and groups with their Tall Man forms',
      version: '2026-06',
      licence: 'public domain (US FDA)',
      attribution: 'US Food and Drug Administration, Name Differentiation Project',
      rows: lines.length - 1,
    });
  }

  for (const list of tallManLists) {
    const file = join(sourceDir, list.file);
    if (!existsSync(file)) continue;
    const parsed = JSON.parse(await readText(file)) as TallManListFile;
    if (!Array.isArray(parsed.entries)) throw new Error(`${list.file}: expected an 'entries' array`);
    const entries = parsed.entries.filter((e): e is string => typeof e === 'string');
    for (const form of entries) {
      // One-word generic names only: the drug-name index holds no brands or two-word names.
      if (isOneWord(form) && !out.tallMan.has(form.toLowerCase())) out.tallMan.set(form.toLowerCase(), form);
    }
    out.sources.push({
      file: list.file,
      what: list.what,
      version: typeof parsed.version === 'string' ? parsed.version : 'unversioned',
      licence: list.licence,
      attribution: toTallmanAttribution,
      rows: entries.length,
    });
  }
  out.pairs.sort((a, b) => (a.join(' ') < b.join(' ') ? -1 : a.join(' ') > b.join(' ') ? 1 : 0));
  return out;
}

function splitGroup(field: string): string[] {
  return field
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A Tall Man form of one word of letters with at least one capital and one lower-case letter. */
function isOneWord(form: string): boolean {
  return /^[A-Za-z]{4,}$/.test(form) && /[A-Z]/.test(form) && /[a-z]/.test(form);
}
