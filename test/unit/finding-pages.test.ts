import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findingCodes } from '../../src/core/findings/registry';
import { findingPagesFolder } from '../../src/server/protocol';

// Each diagnostic's code links to docs/codes/<code>.md (shipped in the VSIX): a code added to the
// registry without its page would link to nothing.

const folder = path.join(__dirname, '..', '..', findingPagesFolder);
const sections = ['## What it means', '## Why it fires', '## How to silence it', '## Examples'];

test('every finding code has its page, with what it means, why it fires, how to silence it and examples', () => {
  const problems: string[] = [];
  for (const code of findingCodes) {
    const page = path.join(findingPagesFolder, `${code}.md`);
    const file = path.join(folder, `${code}.md`);
    if (!fs.existsSync(file)) {
      problems.push(`${page} is missing: write the page for the finding code '${code}'`);
      continue;
    }
    const text = fs.readFileSync(file, 'utf8');
    if (!text.startsWith(`# ${code}\n`)) problems.push(`${page} must start with '# ${code}'`);
    for (const section of sections) if (!text.includes(`\n${section}\n`)) problems.push(`${page} lacks the section '${section}'`);
  }
  assert.deepEqual(problems, []);
});

test('the finding pages are only for codes that exist, and the index lists each of them', () => {
  const pages = fs.readdirSync(folder).filter((name) => name.endsWith('.md') && name !== 'README.md');
  const unknown = pages.filter((name) => !(findingCodes as readonly string[]).includes(name.slice(0, -3)));
  assert.deepEqual(unknown, [], 'pages of codes the registry does not have');
  const index = fs.readFileSync(path.join(folder, 'README.md'), 'utf8');
  for (const code of findingCodes) assert.ok(index.includes(`(${code}.md)`), `${findingPagesFolder}/README.md links to ${code}.md`);
});
