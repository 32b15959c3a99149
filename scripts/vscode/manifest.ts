/**
 * Writes the parts of package.json that follow from the engine — the `biolens.severity.*` setting
 * of every finding code, the `biolens.cards.*` setting, semantic token type and default colours of
 * every entity kind — so the manifest never lags behind the finding rules' registry and `entityKinds`.
 *   npx tsx scripts/vscode/manifest.ts          rewrite package.json
 *   npx tsx scripts/vscode/manifest.ts --check  exit 1 if it is out of date
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultSettings, severitySettings } from '../../src/core/settings';
import { defaultLanguages, defaultOutlineEntities, outlineEntitiesModes } from '../../src/server/protocol';
import { findingCodeDescriptions, findingCodes } from '../../src/core/findings/registry';
import { entityKinds, type EntityKind } from '../../src/core/types';
import { semanticTokenType } from '../../src/server/protocol';

const kindNames: Record<EntityKind, string> = {
  drug: 'drugs',
  gene: 'genes and proteins',
  biomarker: 'biomarkers',
  pathway: 'pathways',
  'cell-line': 'cell lines',
  trial: 'clinical trials',
  endpoint: 'trial endpoints',
  family: 'gene families and protein complexes',
};

/** Standard token types the entity kinds fall back to, so every theme colours them. */
const tokenSuperTypes: Record<EntityKind, string> = {
  drug: 'function',
  gene: 'class',
  biomarker: 'property',
  pathway: 'namespace',
  'cell-line': 'type',
  trial: 'event',
  endpoint: 'enumMember',
  family: 'struct',
};

/**
 * Default colours of each kind's mentions, for light and for dark themes: distinct hues, none of
 * them a theme's code colours, each at least 4.5:1 against the default editor backgrounds
 * (#ffffff, #1f1f1f), so they read as emphasis in prose. Gene symbols are italic, as they are
 * written in print.
 */
const tokenStyles: Record<EntityKind, { light: string; dark: string; fontStyle?: string }> = {
  drug: { light: '#b34700', dark: '#f0a050' },
  gene: { light: '#7b3fb5', dark: '#c8a2ff', fontStyle: 'italic' },
  biomarker: { light: '#b0306a', dark: '#f28cbd' },
  pathway: { light: '#2e7d32', dark: '#8fd694' },
  'cell-line': { light: '#8a6d00', dark: '#e0c060' },
  trial: { light: '#00739d', dark: '#6ccfe8' },
  endpoint: { light: '#5a5fb0', dark: '#aab4ff' },
  family: { light: '#00796b', dark: '#4dd0c0' },
};

/**
 * `editor.semanticTokenColorCustomizations` defaults: the dark colours for every theme, the light
 * ones for themes whose name says Light (Default Light Modern, Light+, Solarized Light, …).
 * A user's own customisation of a kind wins over these.
 */
export function semanticTokenColourDefaults(): Record<string, unknown> {
  const rules = (shade: 'light' | 'dark'): Record<string, unknown> =>
    Object.fromEntries(
      entityKinds.map((kind) => {
        const style = tokenStyles[kind];
        return [semanticTokenType(kind), style.fontStyle ? { foreground: style[shade], fontStyle: style.fontStyle } : { foreground: style[shade] }];
      }),
    );
  return { 'editor.semanticTokenColorCustomizations': { rules: rules('dark'), '[*Light*]': { rules: rules('light') } } };
}

export function semanticTokenContributions(): unknown[] {
  return entityKinds.map((kind) => ({
    id: semanticTokenType(kind),
    superType: tokenSuperTypes[kind] ?? 'variable',
    description: `A mention of ${kindNames[kind] ?? kind} recognised by biolens`,
  }));
}

export function configurationProperties(): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    'biolens.enable': {
      type: 'boolean',
      default: true,
      scope: 'resource',
      order: 0,
      markdownDescription: 'Check notes with biolens: diagnostics, hover cards, quick fixes and entity colours.',
    },
    'biolens.languages': {
      type: 'array',
      items: { type: 'string' },
      default: [...defaultLanguages],
      scope: 'resource',
      order: 1,
      markdownDescription: 'Language ids of the documents biolens checks, e.g. `markdown`, `plaintext`, `quarto`, `latex`.',
    },
    'biolens.language': {
      type: 'string',
      default: defaultSettings.language,
      scope: 'resource',
      order: 2,
      markdownDescription:
        "The language the notes are written in (`en`, `de`, `fr`, …). Only in English notes is a drug name in another language's form (`letrozol`, `tamoxifene`) pointed out (`drug-spelling-variant`).",
    },
  };
  findingCodes.forEach((code, index) => {
    properties[`biolens.severity.${code}`] = {
      type: 'string',
      enum: [...severitySettings],
      default: defaultSettings.severity[code] ?? 'warning',
      scope: 'resource',
      order: 10 + index,
      markdownDescription: `Severity of \`${code}\` findings: ${findingCodeDescriptions[code]} \`ignore\` turns them off.`,
    };
  });
  properties['biolens.dictionaries'] = {
    type: 'array',
    items: { type: 'string' },
    default: [],
    scope: 'resource',
    order: 50,
    markdownDescription:
      'Extra dictionary files (one word per line, `#` comments), relative to the workspace folder. `biolens-dictionary.txt` in the folder is always read, and **Add to dictionary** writes there.',
  };
  properties['biolens.ignoredWords'] = {
    type: 'array',
    items: { type: 'string' },
    default: [],
    scope: 'resource',
    order: 51,
    markdownDescription: 'Words never flagged (compared case-insensitively).',
  };
  properties['biolens.outline.entities'] = {
    type: 'string',
    enum: [...outlineEntitiesModes],
    enumDescriptions: ['Entities only in Show Entities and the status menu.', 'Entities in a group of their own after the headings.'],
    default: defaultOutlineEntities,
    scope: 'resource',
    order: 52,
    markdownDescription:
      "Whether the Outline and breadcrumbs list the note's entities. Off by default: Markdown writers read the Outline as the note's table of contents, and a long note has dozens of entities, which **Show Entities** (or the status menu) lists instead. `after-headings` adds them as a group after the headings, each at its first mention with the later mentions inside.",
  };
  properties['biolens.highlight'] = {
    anyOf: [
      { type: 'string', enum: ['all', 'none'] },
      { type: 'array', items: { type: 'string', enum: [...entityKinds] }, uniqueItems: true },
    ],
    default: 'all',
    scope: 'resource',
    order: 53,
    markdownDescription: `Which entities are coloured in the text: \`"all"\`, \`"none"\` or a list of kinds (${entityKinds.map((k) => `\`${k}\``).join(', ')}). Headings are never coloured.`,
  };
  entityKinds.forEach((kind, index) => {
    properties[`biolens.cards.${kind}`] = {
      type: 'boolean',
      default: defaultSettings.cards[kind] ?? true,
      scope: 'resource',
      order: 60 + index,
      markdownDescription: `Show hover cards for ${kindNames[kind] ?? kind}.`,
    };
  });
  return properties;
}

if (require.main === module) {
  const file = path.join(__dirname, '..', '..', 'package.json');
  const text = fs.readFileSync(file, 'utf8');
  const manifest = JSON.parse(text);
  manifest.contributes.configuration = { title: 'biolens', properties: configurationProperties() };
  manifest.contributes.semanticTokenTypes = semanticTokenContributions();
  manifest.contributes.configurationDefaults = semanticTokenColourDefaults();
  const updated = `${JSON.stringify(manifest, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    if (updated !== text) {
      console.error('package.json settings are out of date: run npx tsx scripts/vscode/manifest.ts');
      process.exit(1);
    }
  } else if (updated !== text) {
    fs.writeFileSync(file, updated);
    console.log('package.json settings updated');
  }
}
