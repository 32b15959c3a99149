import type { EntityRecord } from '../vocabulary/model';
import type { DrugMechanism, EntityKnowledge, MechanismTarget } from '../vocabulary/knowledge';

/**
 * The generated sentence of a drug card ("Donepezil is a cholinesterase inhibitor that inhibits
 * ACHE; indicated for Alzheimer's disease."), put together only from facts of named sources.
 */

/** DrugCentral action types as verbs: 'Donepezil … inhibits acetylcholinesterase'. */
const actionVerbs: Record<string, string> = {
  INHIBITOR: 'inhibits',
  AGONIST: 'acts as an agonist of',
  ANTAGONIST: 'acts as an antagonist of',
  BLOCKER: 'blocks',
  'POSITIVE ALLOSTERIC MODULATOR': 'acts as a positive allosteric modulator of',
  'NEGATIVE ALLOSTERIC MODULATOR': 'acts as a negative allosteric modulator of',
  'ANTIBODY BINDING': 'binds',
  OPENER: 'opens',
  MODULATOR: 'modulates',
  'POSITIVE MODULATOR': 'positively modulates',
  ACTIVATOR: 'activates',
  'PARTIAL AGONIST': 'acts as a partial agonist of',
  'INVERSE AGONIST': 'acts as an inverse agonist of',
  'RELEASING AGENT': 'acts as a releasing agent at',
  'ALLOSTERIC ANTAGONIST': 'acts as an allosteric antagonist of',
  SUBSTRATE: 'is a substrate of',
};
const verbOf = (action: string): string => actionVerbs[action] ?? `acts on (${action.toLowerCase()})`;

/** 'Acetylcholinesterase' → 'acetylcholinesterase'; names that start with an acronym keep it ('HMG-CoA reductase'). */
const lowerFirst = (text: string): string => (/^[A-Z][a-z]/.test(text) && !/^[A-Z][a-z]+[A-Z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text);

function article(phrase: string): string {
  return /^(?:[aeio]|u(?!ni|r[aeio]|s[aeu]|t))/i.test(phrase) || /^[FHLMNRSX](?:[A-Z0-9]|[a-z][A-Z])/.test(phrase) || /^m[A-Z]/.test(phrase) ? 'an' : 'a';
}

export function listWords(items: string[], max: number): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} other${rest === 1 ? '' : 's'}`;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** 'acetylcholinesterase (ACHE)', 'voltage-gated L-type calcium channel (CACNA1C, CACNA1D)', 'CDK4 and CDK6'. */
function targetWords(targets: MechanismTarget[]): string {
  if (targets.length === 1 && targets[0].name) {
    const { genes } = targets[0];
    // 'GABA-A receptor; anion channel' would break the sentence at its semicolon.
    const name = targets[0].name.replace(/;\s*/g, ', ');
    return `${lowerFirst(name)} (${genes.slice(0, 4).join(', ')}${genes.length > 4 ? `, ${genes.length - 4} more` : ''})`;
  }
  const genes: string[] = [];
  for (const t of targets) for (const g of t.genes) if (!genes.includes(g)) genes.push(g);
  return listWords(genes, 4);
}

/** 'inhibits acetylcholinesterase (ACHE)', 'CDK4/6 inhibitor, targeting CDK4 and CDK6'. */
export function mechanismWords(mechanism: DrugMechanism): string {
  if (mechanism.action) return `${verbOf(mechanism.action)} ${targetWords(mechanism.targets)}`;
  if (!mechanism.phrase) return `targets ${targetWords(mechanism.targets)}`;
  return mechanism.targets.length ? `${mechanism.phrase}, targeting ${targetWords(mechanism.targets)}` : mechanism.phrase;
}

/**
 * A sentence or two saying what a drug is, every fact from a named source: its FDA class or
 * Open Targets' mechanism phrase, what it does to which target (DrugCentral), what it is for,
 * and its FDA approval. 'Donepezil is a cholinesterase inhibitor that inhibits
 * acetylcholinesterase (ACHE); it is indicated for mild to moderate Alzheimer's type dementia.'
 */
export function drugSentences(entity: EntityRecord, knowledge: EntityKnowledge): string | undefined {
  const name = entity.name || entity.canonical;
  const phrase = knowledge.mechanisms?.find((m) => m.phrase)?.phrase;
  const classWords = knowledge.fdaClasses?.length ? lowerClassName(knowledge.fdaClasses[0]) : phrase ? lowerFirst(phrase) : undefined;
  const action = knowledge.mechanisms?.find((m) => m.action);
  const otTargets = !action ? knowledge.mechanisms?.find((m) => m.targets.length)?.targets : undefined;
  let clause = '';
  if (classWords && action) clause = `${name} is ${article(classWords)} ${classWords} that ${mechanismWords(action)}`;
  else if (classWords) clause = `${name} is ${article(classWords)} ${classWords}${otTargets ? ` targeting ${targetWords(otTargets)}` : ''}`;
  else if (action) clause = `${name} ${mechanismWords(action)}`;
  else if (otTargets) clause = `${name} targets ${targetWords(otTargets)}`;
  const indications = (knowledge.indications ?? []).slice(0, 2).map((i) => i.text);
  // Some indications are roles ('Sunscreen agent', 'Antiseptic'): a drug is used as one, not indicated for it.
  const role = indications.length === 1 && /(agent|antiseptic|antidote|supplement|adjunct)$/i.test(indications[0]) ? lowerFirst(indications[0]) : undefined;
  const indicated = role ? `used as ${article(role)} ${role}` : indications.length ? `indicated for ${listWords(indications, 2)}` : '';
  let text = clause ? (indicated ? `${clause}; it is ${indicated}.` : `${clause}.`) : indicated ? `${name} is ${indicated}.` : '';
  const approval = knowledge.approval;
  if (approval) text += `${text ? ' ' : ''}Approved by the ${approval.agency} in ${approval.year}${approval.brand ? ` as ${approval.brand}` : ''}.`;
  return text || undefined;
}

/** 'Kinase Inhibitor' → 'kinase inhibitor', keeping acronyms ('HMG-CoA Reductase Inhibitor' → 'HMG-CoA reductase inhibitor'). */
function lowerClassName(name: string): string {
  return name.replace(/[A-Za-z][A-Za-z0-9-]*/g, (word) => (/^[A-Z][a-z]+(-[a-z0-9]+)*$/.test(word) ? word.toLowerCase() : word));
}

/** Items once each, the first spelling kept: 'letrozol' and 'Letrozol' are one. */
export function distinct(items: string[], key: (item: string) => string = (item) => item.toLowerCase()): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export const classKey = (name: string): string =>
  name
    .toLowerCase()
    .split(/\s+/)
    .map((word) => (word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word))
    .join(' ');
