import * as fs from 'node:fs';
import * as path from 'node:path';
import { taggerFromBytes, type Tagger } from '../core/tagger/tagger';
import { taggedKinds, type TaggedKind } from '../core/tagger/model';

/** Where the tagger models live inside a data folder: one file per kind. */
export function taggerModelFile(dataDir: string, kind: TaggedKind): string {
  return path.join(dataDir, 'tagger', `${kind}.bin`);
}

/**
 * Loads the tagger models from a data folder (data/tagger/<kind>.bin). Absent models are not an
 * error: biolens then recognises with the vocabulary alone, and `tagger` is undefined with a
 * note saying so. A present but broken model throws TaggerModelLoadError.
 */
export function loadTagger(dataDir: string): { tagger?: Tagger; note?: string } {
  const files = taggedKinds.map((kind) => taggerModelFile(dataDir, kind));
  const missing = files.filter((file) => !fs.existsSync(file));
  if (missing.length === files.length)
    return { note: `no tagger models in ${path.join(dataDir, 'tagger')}: recognising genes and chemicals with the vocabulary alone` };
  const present = files.filter((file) => !missing.includes(file));
  const tagger = taggerFromBytes(present.map((file) => ({ bytes: fs.readFileSync(file), source: file })));
  return { tagger, note: missing.length > 0 ? `tagger model ${missing.join(', ')} is missing: that kind is recognised with the vocabulary alone` : undefined };
}
