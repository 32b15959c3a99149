import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createLanguageService } from '../../src/core';
import { isSafeUnattended } from '../../src/core/fixes/fixes';
import { neverCancelled } from '../../src/core/types';
import { realTagger, realVocabulary } from '../helpers/vocabularies';
import { describeEntities, describeFinding, readScenario, scenarioFiles, snapshotPath, type SnapshotEntry } from '../scenarios/scenarios';

// Whole notes from several fields, with inline markers for exactly the words that must be
// flagged (see test/scenarios/README.md). `npm run scenarios:update` rewrites snapshots.

const update = process.env.BIOLENS_UPDATE_SNAPSHOTS === '1';
const vocabulary = realVocabulary();
const tagger = realTagger();

for (const file of scenarioFiles()) {
  const scenario = readScenario(file);
  test(`scenario ${scenario.name}: exactly the marked words are flagged, as the snapshot words them`, async () => {
    const service = createLanguageService({ vocabulary, tagger });
    const { findings, entities } = await service.analyze({ uri: `file:///scenarios/${scenario.name}.md`, version: 1, text: scenario.text }, neverCancelled);
    assert.deepEqual(findings.map(describeFinding), scenario.expected);
    assert.deepEqual(describeEntities(scenario, entities), scenario.expectedEntities, 'the words marked {=kind} are recognised as that kind');
    const snapshot: SnapshotEntry[] = findings.map((f) => ({
      at: describeFinding(f),
      message: f.message,
      suggestions: f.data.suggestions,
      safeFix: isSafeUnattended(f),
    }));
    const stored = snapshotPath(scenario);
    if (update) fs.writeFileSync(stored, `${JSON.stringify(snapshot, null, 2)}\n`);
    else if (!fs.existsSync(stored)) assert.fail(`no snapshot ${stored}: run npm run scenarios:update and review it`);
    else assert.deepEqual(snapshot, JSON.parse(fs.readFileSync(stored, 'utf8')), `snapshot ${stored} (run npm run scenarios:update after an intended change)`);
  });
}
