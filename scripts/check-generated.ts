/**
 * Fails when a committed generated file has drifted from what it is generated from, the way
 * markdownlint's test run does: here, the packed vocabulary in data/ must have been built from
 * the curated overlay as it is now in data/curated/, and the tagger models in data/tagger/ with
 * the training settings and sources as they are now (scripts/tagger/record.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { dataFiles } from '../src/core/vocabulary/lexicon';
import { readCuratedOverlay } from './data/curatedFiles';
import { loadVocabulary } from '../src/node/vocabulary';
import { essentialRecord } from '../src/core/vocabulary/model';
import { vocabularyFromBytes } from '../src/core/vocabulary/vocabulary';
import { trainingRecordProblems } from './tagger/record';

const root = path.resolve(__dirname, '..');
const curatedDir = path.join(root, 'data', 'curated');
const { problems, digest } = readCuratedOverlay(curatedDir);
const vocabulary = loadVocabulary(path.join(root, 'data'));
// The knowledge file must describe the same entities: every record is read once and checked against its entity.
if (!fs.existsSync(path.join(root, 'data', dataFiles.knowledge))) {
  problems.push(`data/${dataFiles.knowledge} is missing: run \`npm run build:data -- <source dir>\` and commit data/`);
} else {
  for (let index = 0; index < vocabulary.entityCount && !vocabulary.knowledgeProblem(); index++) vocabulary.knowledge(index);
  if (vocabulary.knowledgeProblem()) problems.push(vocabulary.knowledgeProblem());
}
// The essential records (what the web extension starts with) must be the full records cut down, record for record.
const dataFile = (name: string) => fs.readFileSync(path.join(root, 'data', name));
const essentials = vocabularyFromBytes(
  {
    packed: dataFile(dataFiles.packed),
    keys: dataFile(dataFiles.keys),
    essentials: zlib.gunzipSync(dataFile(dataFiles.essentials)),
    drugNames: dataFile(dataFiles.drugNames),
  },
  'data',
);
for (let index = 0; index < vocabulary.entityCount; index++) {
  if (JSON.stringify(essentials.entity(index)) !== JSON.stringify(essentialRecord(vocabulary.entity(index)))) {
    problems.push(
      `data/${dataFiles.essentials} differs from data/${dataFiles.entities} at entity ${index}: run \`npm run build:data -- <source dir>\` and commit data/`,
    );
    break;
  }
}
if (vocabulary.meta.curatedDigest !== digest) {
  problems.push('data/curated/ changed since data/ was built: run `npm run build:data -- <source dir>` and commit data/');
}
problems.push(...trainingRecordProblems());
if (problems.length > 0) {
  process.stderr.write(`generated files are out of date or invalid:\n- ${problems.join('\n- ')}\n`);
  process.exit(1);
}
process.stdout.write(`data/ is up to date with data/curated/ (${vocabulary.meta.entityCount} entities), data/tagger/ with its training record\n`);
