import { pathToFileURL } from 'node:url';
import { createLanguageService, type BiolensSettings, type LanguageService } from '../core';
import { loadVocabulary } from '../node/vocabulary';
import { helpText, parseArgs, settingsFromOptions, UsageError, type CliCommand, type DocumentOptions } from './args';
import { decodeNote, gatherNotes, readDictionaries, readNoteBytes, type NoteFile } from './files';
import {
  entityRecords,
  findingRecords,
  formatEntitiesJson,
  formatEntitiesText,
  formatFindingsJson,
  formatFindingsSarif,
  formatFindingsText,
  type EntityRecord,
  type FindingRecord,
} from './format';

/** What a CLI run reads from and writes to; main.ts passes the real process's. */
export interface CliEnvironment {
  readonly cwd: string;
  /** The folder holding the packed vocabulary. */
  readonly dataDir: string;
  readonly version: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const exitCodes = { clean: 0, flagged: 1, error: 2 } as const;

/** Runs one `biolens` invocation and returns its exit code. Never throws for bad input. */
export async function runCli(argv: readonly string[], env: CliEnvironment): Promise<number> {
  const fail = (message: string): number => {
    env.stderr(`biolens: ${message}\n`);
    return exitCodes.error;
  };
  let command: CliCommand;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    throw error;
  }
  switch (command.kind) {
    case 'help':
      env.stdout(helpText(env.version));
      return exitCodes.clean;
    case 'version':
      env.stdout(`${env.version}\n`);
      return exitCodes.clean;
    case 'explain': {
      const service = await startService(env, undefined);
      if (typeof service === 'string') return fail(service);
      const card = service.explain(command.term);
      if (card === undefined) return fail(`unknown term '${command.term}'`);
      env.stdout(card.endsWith('\n') ? card : `${card}\n`);
      return exitCodes.clean;
    }
    case 'check':
    case 'annotate':
      return runOnDocuments(command.kind, command, env, fail);
  }
}

/** The language service over the vocabulary in env.dataDir, or a one-line reason it failed. */
async function startService(env: CliEnvironment, settings: BiolensSettings | undefined): Promise<LanguageService | string> {
  try {
    const vocabulary = await loadVocabulary(env.dataDir);
    return createLanguageService({ vocabulary, settings });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `cannot load the vocabulary from '${env.dataDir}': ${reason}`;
  }
}

async function runOnDocuments(
  kind: 'check' | 'annotate',
  options: DocumentOptions,
  env: CliEnvironment,
  fail: (message: string) => number,
): Promise<number> {
  let settings: BiolensSettings;
  try {
    settings = settingsFromOptions(options, readDictionaries(options.dictionaries, env.cwd));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }

  const { notes, problems } = gatherNotes(options.paths, env.cwd);
  if (problems.length > 0) {
    for (const problem of problems) env.stderr(`biolens: ${problem}\n`);
    return exitCodes.error;
  }

  // Nothing to read, nothing to load: a folder without notes is clean even before data/ is built.
  let outcome: NotesOutcome = { findings: [], entities: [], filesChecked: 0, readFailed: false };
  if (notes.length > 0) {
    const service = await startService(env, settings);
    if (typeof service === 'string') return fail(service);
    outcome = await analyseNotes(kind, notes, service, settings, env);
  }
  const { findings, entities, filesChecked, readFailed } = outcome;

  if (kind === 'annotate') {
    env.stdout(options.format === 'json' ? formatEntitiesJson(entities) : formatEntitiesText(entities));
    return readFailed ? exitCodes.error : exitCodes.clean;
  }
  switch (options.format) {
    case 'json':
      env.stdout(formatFindingsJson(findings));
      break;
    case 'sarif':
      env.stdout(formatFindingsSarif(findings, env.version, settings.severity));
      break;
    case 'text':
      env.stdout(formatFindingsText(findings, filesChecked));
      break;
  }
  if (readFailed) return exitCodes.error;
  return findings.length > 0 ? exitCodes.flagged : exitCodes.clean;
}

interface NotesOutcome {
  readonly findings: FindingRecord[];
  readonly entities: EntityRecord[];
  /** Notes read and analysed (binary and unreadable ones are not). */
  readonly filesChecked: number;
  readonly readFailed: boolean;
}

/** Reads and analyses the notes one after another, reporting unreadable and binary ones on stderr. */
async function analyseNotes(
  kind: 'check' | 'annotate',
  notes: readonly NoteFile[],
  service: LanguageService,
  settings: BiolensSettings,
  env: CliEnvironment,
): Promise<NotesOutcome> {
  const findings: FindingRecord[] = [];
  const entities: EntityRecord[] = [];
  let filesChecked = 0;
  let readFailed = false;
  for (const note of notes) {
    let bytes: Uint8Array;
    try {
      bytes = readNoteBytes(note);
    } catch (error) {
      env.stderr(`biolens: ${(error as Error).message}\n`);
      readFailed = true;
      continue;
    }
    const content = decodeNote(bytes);
    if (content.kind === 'binary') {
      env.stderr(`biolens: warning: skipping '${note.displayPath}': binary file\n`);
      continue;
    }
    for (const warning of content.warnings) env.stderr(`biolens: warning: '${note.displayPath}' ${warning}\n`);
    const analysis = await service.analyze({
      uri: pathToFileURL(note.absolutePath).href,
      version: 1,
      text: content.text,
    });
    filesChecked++;
    if (kind === 'check') {
      // Belt and braces: a code the user turned off is never reported, whatever the service returns.
      const reported = { ...analysis, findings: analysis.findings.filter((f) => settings.severity[f.code] !== 'ignore') };
      findings.push(...findingRecords(note.displayPath, content.text, reported));
    } else {
      entities.push(...entityRecords(note.displayPath, content.text, analysis));
    }
  }
  return { findings, entities, filesChecked, readFailed };
}
