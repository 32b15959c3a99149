/**
 * The in-host tests of the editor features a power user expects: the Outline's entity group,
 * colours by setting, the user dictionary, fix-all in the quick-fix menu, the code's link to its
 * page, turning biolens off for a workspace and the walkthrough's sample note.
 */
import * as vscode from 'vscode';
import { assert } from './assert';
import { codeOf, configure, diagnosticsWhen, fileIn, openNote, readText, runAnsweringPrompt, writeText } from './helpers';

type Test = [string, () => Promise<void>];

/** The quick fixes at a range, each with its edit resolved (as VS Code does for the one chosen). */
async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value, 100);
}

async function symbolsOf(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  return (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
}

/** The coloured words of a document, as `word:type`. */
async function colouredWords(document: vscode.TextDocument): Promise<string[]> {
  const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri);
  const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', document.uri);
  const words: string[] = [];
  let line = 0;
  let character = 0;
  const data = tokens?.data ?? new Uint32Array();
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    const start = new vscode.Position(line, character);
    words.push(`${document.getText(new vscode.Range(start, start.translate(0, data[i + 2])))}:${legend.tokenTypes[data[i + 3]]}`);
  }
  return words;
}

const outlineNote =
  '# Letrozole after surgery\n\nPostmenopausal women took letrozole; ESR1 mutations were common.\n\n## Follow-up\n\nLetrozole was continued, and ESR1 was sequenced again.\n';

export const editorTests = (): Test[] => [
  [
    'the Outline leaves entities out by default; with outline.entities after-headings each entity spans its first mention, the others its children',
    async () => {
      await writeText(fileIn('outline-off.md'), outlineNote);
      await writeText(fileIn('outline-on.md'), outlineNote);
      const off = await openNote('outline-off.md');
      await diagnosticsWhen(off.document.uri, () => true, 'the note to be open');
      const headingsOnly = await symbolsOf(off.document.uri);
      // The Markdown extension's symbols only: the first heading, the second nested in it.
      assert.equal(headingsOnly.length, 1, headingsOnly.map((s) => s.name).join(', '));
      assert.match(headingsOnly[0].name, /Letrozole after surgery/);
      try {
        await configure('outline.entities', 'after-headings');
        const on = await openNote('outline-on.md');
        const symbols = await symbolsOf(on.document.uri);
        const letrozole = symbols.find((s) => s.name === 'letrozole');
        assert.ok(letrozole, symbols.map((s) => s.name).join(', '));
        const text = on.document.getText();
        const first = text.indexOf('letrozole;');
        assert.deepEqual(
          [letrozole.range.start, letrozole.range.end].map((p) => on.document.offsetAt(p)),
          [text.indexOf('Letrozole after'), text.indexOf('Letrozole after') + 9],
          'the first mention (in the heading) only',
        );
        assert.deepEqual(
          letrozole.children.map((c) => on.document.offsetAt(c.range.start)),
          [first, text.indexOf('Letrozole was')],
          'the later mentions are its children',
        );
        const esr1 = symbols.find((s) => s.name === 'ESR1');
        assert.ok(esr1 && esr1.kind !== letrozole.kind, 'a gene and a drug have different symbol kinds');
      } finally {
        await configure('outline.entities', undefined);
      }
    },
  ],
  [
    'colours: every kind by default but none in headings; biolens.highlight none turns them off, a list keeps those kinds',
    async () => {
      const note = '# ESR1 and letrozole\n\nESR1 mutations under letrozole.\n';
      for (const name of ['colours-all.md', 'colours-none.md', 'colours-drug.md']) await writeText(fileIn(name), note);
      const all = await openNote('colours-all.md');
      await diagnosticsWhen(all.document.uri, () => true, 'the note to be open');
      assert.deepEqual(await colouredWords(all.document), ['ESR1 mutations:biomarker', 'letrozole:drug'], 'the paragraph coloured, the heading not');
      try {
        await configure('highlight', 'none');
        assert.deepEqual(await colouredWords((await openNote('colours-none.md')).document), [], 'highlight none');
        await configure('highlight', ['drug']);
        assert.deepEqual(await colouredWords((await openNote('colours-drug.md')).document), ['letrozole:drug'], 'highlight ["drug"]');
      } finally {
        await configure('highlight', undefined);
      }
    },
  ],
  [
    'the user dictionary: a word added there (Escape at the reason prompt) is accepted, Open User Dictionary shows it, and editing the file brings the finding back',
    async () => {
      const uri = fileIn('user-dictionary.md');
      await writeText(uri, 'Our in-house compound, a letrozole analogue, is called letrozine here.\n');
      await openNote('user-dictionary.md');
      const [finding] = await diagnosticsWhen(uri, (d) => d.length === 1, 'the letrozine finding');
      const actions = await quickFixes(uri, finding.range);
      const add = actions.find((a) => a.title === "Add 'letrozine' to your user dictionary");
      assert.ok(add?.command, actions.map((a) => a.title).join(' | '));
      await runAnsweringPrompt(add.command.command, add.command.arguments ?? []);
      await diagnosticsWhen(uri, (d) => d.length === 0, 'the word to be accepted');
      await vscode.commands.executeCommand('biolens.openUserDictionary');
      const dictionary = vscode.window.activeTextEditor?.document;
      assert.ok(dictionary, 'the user dictionary is open');
      assert.match(dictionary.uri.path, /\/biolens-dictionary\.txt$/);
      assert.ok(!dictionary.uri.toString().startsWith(fileIn('').toString()), `outside the workspace: ${dictionary.uri.toString()}`);
      assert.match(dictionary.getText(), /^letrozine$/m);
      await writeText(dictionary.uri, dictionary.getText().replace(/^letrozine\n/m, ''));
      await diagnosticsWhen(uri, (d) => d.length === 1, 'the finding back once the word left the user dictionary', 30_000);
    },
  ],
  [
    'Fix all biolens problems in this file is in the quick-fix menu and applies only the safe fixes',
    async () => {
      const uri = fileIn('fix-all-in-file.md');
      const text =
        'In postmenopausal women with ER-positive breast cancer, letrozole and anastrozole are the aromatase inhibitors.\n\n' +
        'Either letrazole or anastrazole was given; leflutrozole was continued.\n';
      await writeText(uri, text);
      const editor = await openNote('fix-all-in-file.md');
      const findings = await diagnosticsWhen(uri, (d) => d.length === 3, 'two misspellings and a look-alike');
      const lookalike = findings.find((d) => codeOf(d) === 'drug-lookalike');
      assert.ok(lookalike);
      // Offered on the look-alike too, whose own fix it does not apply.
      const actions = await quickFixes(uri, lookalike.range);
      const fixAll = actions.find((a) => a.title.startsWith('Fix all biolens problems in this file'));
      assert.ok(fixAll?.edit, `the fix-all action, resolved: ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
      assert.equal(editor.document.getText(), text.replace('letrazole', 'letrozole').replace('anastrazole was', 'anastrozole was'));
      await editor.document.save();
    },
  ],
  [
    "each finding's code links to the page about that code, shipped inside the extension",
    async () => {
      const editor = await openNote('seed-mixups.md');
      const diagnostics = await diagnosticsWhen(editor.document.uri, (d) => d.length >= 5, 'the seed note findings');
      for (const code of new Set(diagnostics.map(codeOf))) {
        const diagnostic = diagnostics.find((d) => codeOf(d) === code)!;
        assert.ok(typeof diagnostic.code === 'object', 'the code has a link');
        const target = diagnostic.code.target;
        assert.match(target.path, new RegExp(`/docs/codes/${code}\\.md$`));
        const extension = vscode.extensions.getExtension('biolens.biolens')!;
        assert.ok(target.toString().startsWith(extension.extensionUri.toString()) || target.path.startsWith(extension.extensionUri.path), target.toString());
        const page = await readText(target);
        assert.ok(page.startsWith(`# ${code}\n`), `${target.toString()} is the page about ${code}`);
      }
    },
  ],
  [
    'Turn off for this workspace clears the findings; Turn on brings them back',
    async () => {
      const editor = await openNote('seed-mixups.md');
      const uri = editor.document.uri;
      await diagnosticsWhen(uri, (d) => d.length >= 5, 'the seed note findings');
      try {
        await vscode.commands.executeCommand('biolens.turnOffForWorkspace');
        assert.equal(vscode.workspace.getConfiguration('biolens', uri).inspect('enable')?.workspaceValue, false);
        await diagnosticsWhen(uri, (d) => d.length === 0, 'no findings while off');
      } finally {
        await vscode.commands.executeCommand('biolens.turnOnForWorkspace');
      }
      await diagnosticsWhen(uri, (d) => d.length >= 5, 'the findings back');
    },
  ],
  [
    "the walkthrough's sample note opens unsaved, with a misspelling and an unknown in-house name flagged",
    async () => {
      await vscode.commands.executeCommand('biolens.openSampleNote');
      const document = vscode.window.activeTextEditor?.document;
      assert.ok(document?.isUntitled, 'an untitled note');
      const findings = await diagnosticsWhen(document.uri, (d) => d.length === 2, 'the sample note findings');
      assert.deepEqual(findings.map((d) => document.getText(d.range)).sort(), ['anastrazole', 'letrozine']);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    },
  ],
];
