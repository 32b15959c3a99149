/**
 * Fails when a committed generated file has drifted from what it is generated from, the way
 * markdownlint's test run does: here, the packed vocabulary in data/ must have been built from
 * the curated overlay as it is now in data/curated/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { curatedDigest, validateCurated } from '../src/core/vocabulary/curated';
import { loadVocabulary } from '../src/core/vocabulary/vocabulary';

const root = path.resolve(__dirname, '..');
const curatedDir = path.join(root, 'data', 'curated');
const cardsJson = fs.readFileSync(path.join(curatedDir, 'cards.json'), 'utf8');
const citationsJson = fs.readFileSync(path.join(curatedDir, 'citations.json'), 'utf8');
const problems = validateCurated(JSON.parse(cardsJson), JSON.parse(citationsJson));
const vocabulary = loadVocabulary(path.join(root, 'data'));
if (vocabulary.meta.curatedDigest !== curatedDigest(cardsJson, citationsJson)) {
  problems.push('data/curated/ changed since data/ was built: run `npm run build:data -- <source dir>` and commit data/');
}
if (problems.length > 0) {
  process.stderr.write(`generated files are out of date or invalid:\n- ${problems.join('\n- ')}\n`);
  process.exit(1);
}
process.stdout.write(`data/ is up to date with data/curated/ (${vocabulary.meta.entityCount} entities)\n`);
