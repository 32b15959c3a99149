import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendToDictionary, parseDictionary } from '../../src/core/dictionary';
import { findingCodes } from '../../src/core/findings/registry';
import { entityKinds } from '../../src/core/types';
import { SymbolKind } from 'vscode-languageserver';
import { symbolKinds } from '../../src/server/convert';
import { resolveEditorSettings } from '../../src/server/editorSettings';
import { commandIds } from '../../src/client/commands';
import { configurationProperties, semanticTokenColourDefaults, semanticTokenContributions } from '../../scripts/vscode/manifest';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

test('package.json contributes a severity setting for every finding code and a card setting for every kind', () => {
  // Fails when a finding code or entity kind is added without `npx tsx scripts/vscode/manifest.ts`.
  assert.deepEqual(manifest.contributes.configuration.properties, configurationProperties());
  assert.deepEqual(manifest.contributes.semanticTokenTypes, semanticTokenContributions());
  assert.deepEqual(manifest.contributes.configurationDefaults, semanticTokenColourDefaults());
  for (const code of findingCodes) assert.ok(manifest.contributes.configuration.properties[`biolens.severity.${code}`]);
  for (const kind of entityKinds) assert.ok(manifest.contributes.configuration.properties[`biolens.cards.${kind}`]);
  for (const [key, value] of Object.entries(manifest.contributes.configuration.properties)) {
    assert.equal((value as { scope: string }).scope, 'resource', `${key} is per resource`);
  }
});

test('every command package.json contributes is one the client knows', () => {
  // That each is registered is checked in a real extension host (test/vscode/suite/tests.ts).
  const known = new Set<string>(Object.values(commandIds));
  for (const { command } of manifest.contributes.commands) assert.ok(known.has(command), `${command} is not in src/client/commands.ts`);
});

test('editor settings keep valid fields of malformed input and report the rest', () => {
  const problems: string[] = [];
  const settings = resolveEditorSettings(
    { enable: 'yes', languages: ['markdown', 3, 'quarto'], severity: { [findingCodes[0]]: 'error' }, cards: { drug: false } },
    (p) => problems.push(p),
  );
  assert.equal(settings.enable, true);
  assert.deepEqual(settings.languages, ['markdown', 'quarto']);
  assert.equal(settings.core.severity[findingCodes[0]], 'error');
  assert.equal(settings.core.cards.drug, false);
  assert.ok(problems.some((p) => p.includes('enable')));
});

test('a word added to a dictionary is read back, once, keeping the file’s line endings', () => {
  assert.equal(appendToDictionary('', 'palbocyclib'), 'palbocyclib\n');
  assert.equal(appendToDictionary('# ours\r\nfoo', 'bar'), '# ours\r\nfoo\r\nbar\r\n');
  assert.equal(appendToDictionary('Foo\n', 'foo'), undefined);
  assert.deepEqual(parseDictionary(appendToDictionary('a # note\n', 'b')!), ['a', 'b']);
  assert.throws(() => appendToDictionary('', 'two\nlines'));
});

test('each entity kind has an Outline icon of its own', () => {
  // VS Code draws these symbol kinds with one icon each group (codicons symbol-namespace/-module/
  // -package/-object are `{}`, symbol-method/-function/-constructor a cube).
  const sameIcon: SymbolKind[][] = [
    [SymbolKind.Namespace, SymbolKind.Module, SymbolKind.Package, SymbolKind.Object],
    [SymbolKind.Function, SymbolKind.Method, SymbolKind.Constructor],
  ];
  const icon = (kind: SymbolKind): string => {
    const group = sameIcon.findIndex((kinds) => kinds.includes(kind));
    return group >= 0 ? `shared icon ${group}` : `symbol kind ${kind}`;
  };
  const icons = entityKinds.map((kind) => icon(symbolKinds[kind]));
  assert.equal(new Set(icons).size, entityKinds.length, JSON.stringify(Object.fromEntries(entityKinds.map((k, i) => [k, icons[i]]))));
});
