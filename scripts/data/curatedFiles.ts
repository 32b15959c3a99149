import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { validateCurated, type CitationIndex, type CuratedCard } from '../../src/core/vocabulary/curated';

export interface CuratedOverlay {
  cards: CuratedCard[];
  citations: CitationIndex;
  /** Digest of every file read, to detect a data/ built from an older overlay. */
  digest: string;
  problems: string[];
}

/**
 * Reads the hand-curated overlay: every `cards/*.json` (an array of cards each, one file per
 * area so that curators do not edit the same file) and the one `citations.json`.
 */
export function readCuratedOverlay(curatedDir: string): CuratedOverlay {
  const cardDir = path.join(curatedDir, 'cards');
  const cardFiles = fs.existsSync(cardDir) ? fs.readdirSync(cardDir).filter((f) => f.endsWith('.json')).sort() : [];
  const problems: string[] = [];
  const cards: CuratedCard[] = [];
  const texts: string[] = [];
  for (const file of cardFiles) {
    const text = fs.readFileSync(path.join(cardDir, file), 'utf8');
    texts.push(file, text);
    try {
      const parsed = JSON.parse(text);
      if (Array.isArray(parsed)) cards.push(...parsed);
      else problems.push(`cards/${file} must hold an array of cards`);
    } catch (error) {
      problems.push(`cards/${file} is not valid JSON: ${(error as Error).message}`);
    }
  }
  // One citations file; while several curators work at once each may keep a part in
  // citations-parts/, merged here (a key given twice must agree) and folded in before committing.
  const partDir = path.join(curatedDir, 'citations-parts');
  const citationFiles = ['citations.json', ...(fs.existsSync(partDir) ? fs.readdirSync(partDir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join('citations-parts', f)) : [])];
  const citations: CitationIndex = {};
  const citationTexts: string[] = [];
  for (const file of citationFiles) {
    const text = fs.readFileSync(path.join(curatedDir, file), 'utf8');
    citationTexts.push(file, text);
    try {
      for (const [key, entry] of Object.entries(JSON.parse(text) as CitationIndex)) {
        if (key in citations && JSON.stringify(citations[key]) !== JSON.stringify(entry)) problems.push(`${file}: citation ${key} differs from an earlier file`);
        citations[key] = entry;
      }
    } catch (error) {
      problems.push(`${file} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const citationsText = citationTexts.join('\0');
  problems.push(...validateCurated(cards, citations));
  return { cards, citations, digest: curatedDigest(texts.join('\0'), citationsText), problems };
}

/** A stable digest of the curated overlay, stored in the built data to detect a stale build. */
export function curatedDigest(cardsJson: string, citationsJson: string): string {
  return createHash('sha256').update(cardsJson).update('\0').update(citationsJson).digest('hex');
}
