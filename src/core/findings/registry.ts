import type { SeveritySetting } from '../settings';
import type { FindingCode } from '../types';
import type { FindingRule } from './rule';
import { drugInconsistent } from './rules/drugInconsistent';
import { drugLookalike } from './rules/drugLookalike';
import { drugMisspelling } from './rules/drugMisspelling';
import { drugSpellingVariant } from './rules/drugSpellingVariant';
import { abbreviationBeforeDefinition } from './rules/abbreviationBeforeDefinition';
import { geneSymbolOutdated } from './rules/geneSymbolOutdated';

/**
 * Every finding rule, in the order their findings are listed at one offset. The settings
 * manifest, the SARIF rules, the CLI's help and the default severities all come from here.
 */
export const findingRules: readonly FindingRule[] = [
  drugMisspelling,
  drugLookalike,
  drugInconsistent,
  drugSpellingVariant,
  geneSymbolOutdated,
  abbreviationBeforeDefinition,
];

export const findingCodes: readonly FindingCode[] = findingRules.map((r) => r.code);

/** What each finding code means, in one sentence. */
export const findingCodeDescriptions = Object.fromEntries(findingRules.map((r) => [r.code, r.description])) as Readonly<Record<FindingCode, string>>;

export const defaultSeverities = Object.fromEntries(findingRules.map((r) => [r.code, r.defaultSeverity])) as Readonly<Record<FindingCode, SeveritySetting>>;
