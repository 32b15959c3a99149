/**
 * The TextMate injection grammar, run through the engine VS Code itself uses (vscode-textmate
 * with the oniguruma WebAssembly build). The grammar is injected into a small markdown base
 * grammar that scopes code, front matter and comments the way VS Code's markdown grammar does,
 * so the tests see what a user would see: which stretches of prose get a biolens colour.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const repoRoot = path.resolve(__dirname, '..', '..');
const injectionPath = path.join(repoRoot, 'syntaxes', 'biolens.injection.tmLanguage.json');
const injectionScope = 'biolens.injection';
const markdownScope = 'text.html.markdown';

/**
 * A minimal stand-in for VS Code's markdown grammar. No markdown grammar ships in node_modules,
 * so this one reproduces just the scopes the injection selector refers to, with the names VS
 * Code's own grammar gives them.
 */
const baseMarkdownGrammar = {
  scopeName: markdownScope,
  patterns: [{ include: '#front-matter' }, { include: '#fenced-code' }, { include: '#html-comment' }, { include: '#inline-code' }],
  repository: {
    'front-matter': {
      begin: '\\A---\\s*$',
      end: '^(?:---|\\.\\.\\.)\\s*$',
      name: 'meta.embedded.block.frontmatter',
    },
    'fenced-code': {
      begin: '^\\s*(`{3,}|~{3,})\\s*([\\w-]*).*$',
      end: '^\\s*\\1\\s*$',
      name: 'markup.fenced_code.block.markdown',
    },
    'html-comment': { begin: '<!--', end: '-->', name: 'comment.block.html' },
    'inline-code': {
      match: '(`+)(?:[^`]|(?!(?<!`)\\1(?!`))`)*+\\1',
      name: 'markup.inline.raw.string.markdown',
    },
  },
};

const markdownGrammar = loadMarkdownGrammar();

async function loadMarkdownGrammar(): Promise<textmate.IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName === markdownScope) return textmate.parseRawGrammar(JSON.stringify(baseMarkdownGrammar), 'markdown.json');
      if (scopeName === injectionScope) return textmate.parseRawGrammar(readFileSync(injectionPath, 'utf8'), injectionPath);
      return null;
    },
    getInjections: (scopeName) => (scopeName === markdownScope ? [injectionScope] : undefined),
  });
  const grammar = await registry.loadGrammar(markdownScope);
  if (!grammar) throw new Error('the markdown base grammar did not load');
  return grammar;
}

interface ScopedToken {
  readonly text: string;
  readonly scopes: readonly string[];
}

async function tokenize(markdown: string): Promise<ScopedToken[]> {
  const grammar = await markdownGrammar;
  const tokens: ScopedToken[] = [];
  let state = textmate.INITIAL;
  for (const line of markdown.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      tokens.push({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes });
    }
    tokens.push({ text: '\n', scopes: [markdownScope] });
    state = result.ruleStack;
  }
  return tokens;
}

type BiolensKind = 'pmid' | 'doi' | 'variant';
const kindOfScope: Record<string, BiolensKind> = {
  'constant.other.reference.pmid.biolens': 'pmid',
  'constant.other.reference.doi.biolens': 'doi',
  'constant.other.variant.protein.biolens': 'variant',
};

interface Span {
  readonly kind: BiolensKind;
  readonly text: string;
}

/** The stretches of text a theme would colour as biolens references or variants, in order. */
async function biolensSpans(markdown: string): Promise<Span[]> {
  const spans: Span[] = [];
  let previousKind: BiolensKind | undefined;
  for (const token of await tokenize(markdown)) {
    const scope = token.scopes.find((s) => s in kindOfScope);
    const kind = scope === undefined ? undefined : kindOfScope[scope];
    if (kind !== undefined && kind === previousKind) {
      const last = spans.pop()!;
      spans.push({ kind, text: last.text + token.text });
    } else if (kind !== undefined) {
      spans.push({ kind, text: token.text });
    }
    previousKind = kind;
  }
  return spans;
}

async function scopesOf(markdown: string, tokenText: string): Promise<readonly string[]> {
  const token = (await tokenize(markdown)).find((t) => t.text === tokenText);
  assert.ok(token, `no token '${tokenText}' in ${JSON.stringify(markdown)}`);
  return token.scopes;
}

async function assertRecognised(kind: BiolensKind, sentence: string, expected: string): Promise<void> {
  assert.deepEqual(await biolensSpans(sentence), [{ kind, text: expected }], sentence);
}

test('the grammar injects itself into markdown and keeps out of code, front matter and comments', () => {
  const raw = JSON.parse(readFileSync(injectionPath, 'utf8')) as { scopeName: string; injectionSelector: string };
  assert.equal(raw.scopeName, injectionScope);
  assert.match(raw.injectionSelector, /^L:text\.html\.markdown /);
  for (const excluded of ['markup.fenced_code', 'markup.inline.raw', 'markup.raw', 'meta.embedded', 'comment']) {
    assert.ok(raw.injectionSelector.split(/\s+/).includes(`-${excluded}`), `selector must exclude ${excluded}`);
  }
});

test('PMIDs are scoped in all three spellings, with the number as its own sub-scope', async () => {
  for (const written of ['PMID: 22484466', 'PMID 22484466', 'PMID:22484466']) {
    await assertRecognised('pmid', `Resistance was reported early (${written}).`, written);
  }
  const numberScopes = await scopesOf('See PMID: 22484466 for details.', '22484466');
  assert.ok(numberScopes.includes('constant.numeric.pmid.biolens'));
  assert.ok(numberScopes.includes('constant.other.reference.pmid.biolens'));
  assert.ok((await scopesOf('See PMID: 22484466 for details.', 'PMID')).includes('keyword.other.pmid.biolens'));
});

test('text that merely resembles a PMID is not scoped', async () => {
  for (const sentence of [
    'The PMID field was empty.',
    'PMIDs 22484466 and 22484467 were merged.',
    'XPMID: 22484466 is not a PubMed label.',
    'PMID: 0 is not a PubMed id.',
    'PMID: 123456789 has too many digits.',
  ]) {
    assert.deepEqual(await biolensSpans(sentence), [], sentence);
  }
});

test('DOIs are scoped bare, with a doi: label and as resolver links, without trailing punctuation', async () => {
  await assertRecognised('doi', 'Published as 10.1056/NEJMoa1607303.', '10.1056/NEJMoa1607303');
  await assertRecognised('doi', 'Cite (doi:10.1056/NEJMoa1607303) here.', 'doi:10.1056/NEJMoa1607303');
  await assertRecognised('doi', 'DOI: 10.1056/NEJMoa1607303, then more.', 'DOI: 10.1056/NEJMoa1607303');
  await assertRecognised('doi', 'Link: https://doi.org/10.1056/NEJMoa1607303; done.', 'https://doi.org/10.1056/NEJMoa1607303');
  await assertRecognised('doi', 'Old link: http://dx.doi.org/10.1200/JCO.2015.63.1234.', 'http://dx.doi.org/10.1200/JCO.2015.63.1234');
  await assertRecognised('doi', 'Short link doi.org/10.1056/NEJMoa1607303 works too.', 'doi.org/10.1056/NEJMoa1607303');
  await assertRecognised('doi', 'Lancet style 10.1016/S0140-6736(16)31373-X is kept whole.', '10.1016/S0140-6736(16)31373-X');
  const linkScopes = await scopesOf('Link: https://doi.org/10.1056/NEJMoa1607303', 'https://doi.org/');
  assert.ok(linkScopes.includes('markup.underline.link.doi.biolens'));
});

test('numbers that only look like DOIs are not scoped', async () => {
  for (const sentence of ['Version 10.2/3 of the protocol.', 'Ratio 10.12345 without a suffix.', 'Path a/110.1056/x.']) {
    assert.deepEqual(await biolensSpans(sentence), [], sentence);
  }
});

test('protein variants are scoped in one-letter, three-letter and HGVS notation', async () => {
  for (const variant of [
    'Y537S',
    'D538G',
    'H1047R',
    'E545K',
    'V600E',
    'R248*',
    'E545fs',
    'p.D538G',
    'p.Tyr537Ser',
    'p.(Tyr537Ser)',
    'p.(Y537S)',
    'p.Arg248Ter',
    'p.Glu545fsTer12',
    'Tyr537Ser',
  ]) {
    await assertRecognised('variant', `Tumours carrying ${variant} progressed.`, variant);
  }
});

test('variants keep their own boundaries next to markdown punctuation', async () => {
  assert.deepEqual(await biolensSpans('ESR1 **Y537S**/D538G and PIK3CA-H1047R (E545K).'), [
    { kind: 'variant', text: 'Y537S' },
    { kind: 'variant', text: 'D538G' },
    { kind: 'variant', text: 'H1047R' },
    { kind: 'variant', text: 'E545K' },
  ]);
});

test('gene symbols, cell lines, drug codes, years and ordinary words are not variants', async () => {
  for (const word of [
    'A4',
    'T47D',
    'MCF7',
    'CDK4',
    'CDK4/6',
    'G1T38',
    'G1T48',
    'PD0332991',
    'PD-0332991',
    'E2F1',
    'H2AX',
    'S6K',
    'Q4W',
    '2016',
    'HR 0.45',
    'Ki-67',
    'y537s',
    'Y537',
    'X537S',
    'Y0537S',
    'Y53777S',
    'Tyr537',
    'p.Tyr537Xyz',
    'letrozole',
    'Series',
  ]) {
    assert.deepEqual(await biolensSpans(`We measured ${word} in every sample.`), [], word);
  }
});

test('a PMID, DOI or variant inside inline code gets no biolens scope, while the prose around it does', async () => {
  assert.deepEqual(await biolensSpans('Query `PMID: 22484466` returned PMID 22484467.'), [{ kind: 'pmid', text: 'PMID 22484467' }]);
  assert.deepEqual(await biolensSpans('Run ``grep "Y537S doi:10.1056/x" notes`` first.'), []);
});

test('nothing inside a fenced code block is scoped, and scoping resumes after it', async () => {
  const markdown = [
    'Before the block, Y537S.',
    '```text',
    'PMID: 22484466',
    'doi:10.1056/NEJMoa1607303 D538G p.Tyr537Ser',
    '```',
    'After the block, PMID: 22484466.',
  ].join('\n');
  assert.deepEqual(await biolensSpans(markdown), [
    { kind: 'variant', text: 'Y537S' },
    { kind: 'pmid', text: 'PMID: 22484466' },
  ]);
});

test('front matter and HTML comments are left uncoloured', async () => {
  const markdown = ['---', 'source: PMID 22484466', 'variant: D538G', '---', '<!-- todo: check PMID: 22484466 and H1047R -->', 'Body text with H1047R.'].join(
    '\n',
  );
  assert.deepEqual(await biolensSpans(markdown), [{ kind: 'variant', text: 'H1047R' }]);
});
