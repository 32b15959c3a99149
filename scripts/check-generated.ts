/**
 * Fails when a committed generated file has drifted from what it is generated from, the way
 * markdownlint's test run does: here, the packed vocabulary in data/ must have been built from
 * the curated overlay as it is now in data/curated/.
 */
import * as path from 'node:path';
import { readCuratedOverlay } from './data/curatedFiles';
import { loadVocabulary } from '../src/node/vocabulary';

const root = path.resolve(__dirname, '..');
const curatedDir = path.join(root, 'data', 'curated');
const { problems, digest } = readCuratedOverlay(curatedDir);
const vocabulary = loadVocabulary(path.join(root, 'data'));
if (vocabulary.meta.curatedDigest !== digest) {
  problems.push('data/curated/ changed since data/ was built: run `npm run build:data -- <source dir>` and commit data/');
}
if (problems.length > 0) {
  process.stderr.write(`generated files are out of date or invalid:\n- ${problems.join('\n- ')}\n`);
  process.exit(1);
}
process.stdout.write(`data/ is up to date with data/curated/ (${vocabulary.meta.entityCount} entities)\n`);
