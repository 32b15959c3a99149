import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createLanguageService, type BiolensSettings, type LanguageService } from '../core';
import { loadVocabulary } from '../node/vocabulary';
import { loadTagger } from '../node/tagger';
import type { DocumentAnalysis, Finding, TextDocumentInput } from '../core/types';
import { FileProblem, isInsideFolder, writeFileAtomically, type RegularFileContent } from '../node/files';
import { helpText, parseArgs, settingsFromOptions, UsageError, type CliCommand, type FixMode, type OutputFormat } from './args';
import { unifiedDiff } from './diff';
import { decodeNote, encodeNote, encodingName, gatherNotes, readDictionaries, readNote, type NoteContent, type NoteFile } from './files';
import { formatChanges } from './fix';
import { applyEdits } from '../core/fixes/fixes';
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
import { neverCancelled } from '../core/types';

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
      return runOnDocuments(command, env, fail);
  }
}

/** The language service over the vocabulary in env.dataDir, or a one-line reason it failed. */
async function startService(env: CliEnvironment, settings: BiolensSettings | undefined): Promise<LanguageService | string> {
  try {
    const vocabulary = await loadVocabulary(env.dataDir);
    const { tagger, note } = loadTagger(env.dataDir);
    if (note) env.stderr(`biolens: ${note}\n`);
    return createLanguageService({ vocabulary, tagger, settings });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `cannot load the vocabulary or tagger from '${env.dataDir}': ${reason}`;
  }
}

type DocumentCommand = Extract<CliCommand, { kind: 'check' | 'annotate' }>;

async function runOnDocuments(command: DocumentCommand, env: CliEnvironment, fail: (message: string) => number): Promise<number> {
  let settings: BiolensSettings;
  try {
    settings = settingsFromOptions(command, readDictionaries(command.dictionaries, env.cwd));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }

  const { notes, problems, walkProblems } = gatherNotes(command.paths, env.cwd);
  // A path given that leads nowhere is a mistake in the command: nothing is checked or fixed.
  if (problems.length > 0) {
    for (const problem of problems) env.stderr(`biolens: ${problem}\n`);
    return exitCodes.error;
  }

  // Nothing to read, nothing to load: a folder without notes is clean even before data/ is built.
  let outcome: NotesOutcome = { findings: [], entities: [], filesChecked: 0, failed: false };
  if (notes.length > 0) {
    const service = await startService(env, settings);
    if (typeof service === 'string') return fail(service);
    outcome = await analyseNotes(command, notes, service, settings, env);
  }
  printOutcome(command, outcome, settings, env);
  // Unreadable folders last, after everything that could be read was checked.
  for (const problem of walkProblems) env.stderr(`biolens: ${problem}\n`);

  if (outcome.failed || walkProblems.length > 0) return exitCodes.error;
  if (command.kind === 'annotate') return exitCodes.clean;
  return outcome.findings.length > 0 ? exitCodes.flagged : exitCodes.clean;
}

/** Prints the findings or entities; a dry run has printed its diff already and prints nothing more. */
function printOutcome(command: DocumentCommand, outcome: NotesOutcome, settings: BiolensSettings, env: CliEnvironment): void {
  const { findings, entities, filesChecked } = outcome;
  if (command.kind === 'annotate') {
    env.stdout(command.format === 'json' ? formatEntitiesJson(entities) : formatEntitiesText(entities));
    return;
  }
  if (command.fix === 'dry-run') return;
  switch (command.format) {
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
}

interface NotesOutcome {
  readonly findings: FindingRecord[];
  readonly entities: EntityRecord[];
  /** Notes read and analysed (binary and unreadable ones are not). */
  readonly filesChecked: number;
  /** A note could not be read, decoded or rewritten: the run ends with exit status 2. */
  readonly failed: boolean;
}

/** Appends one by one: push(...items) overflows the stack for some 125,000 items. */
function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Findings the user has not turned off. */
function reportedFindings(analysis: DocumentAnalysis, settings: BiolensSettings): readonly Finding[] {
  // Belt and braces: a code the user turned off is never reported, whatever the service returns.
  return analysis.findings.filter((f) => settings.severity[f.code] !== 'ignore');
}

/** Reads and analyses the notes one after another, reporting unreadable and binary ones on stderr. */
async function analyseNotes(
  command: DocumentCommand,
  notes: readonly NoteFile[],
  service: LanguageService,
  settings: BiolensSettings,
  env: CliEnvironment,
): Promise<NotesOutcome> {
  const findings: FindingRecord[] = [];
  const entities: EntityRecord[] = [];
  let filesChecked = 0;
  let failed = false;
  const fixing: FixRun | undefined =
    command.kind === 'check' && command.fix !== 'off'
      ? { mode: command.fix, format: command.format, realCwd: fs.realpathSync(env.cwd), service, settings, env }
      : undefined;
  for (const note of notes) {
    const loaded = loadNote(note, env);
    if (loaded === 'failed') failed = true;
    if (typeof loaded === 'string') continue;
    const document = { uri: pathToFileURL(note.absolutePath).href, version: 1, text: loaded.content.text };
    const analysis = await service.analyze(document, neverCancelled);
    filesChecked++;
    if (command.kind === 'annotate') {
      pushAll(entities, entityRecords(note.displayPath, document.text, analysis));
      continue;
    }
    let result: FixResult = { text: document.text, findings: reportedFindings(analysis, settings), failed: false };
    if (fixing) result = await fixNote(note, loaded, document, result.findings, fixing);
    failed ||= result.failed;
    pushAll(findings, findingRecords(note.displayPath, result.text, { ...analysis, findings: result.findings }));
  }
  return { findings, entities, filesChecked, failed };
}

type TextContent = Extract<NoteContent, { kind: 'text' }>;

interface LoadedNote {
  readonly file: RegularFileContent;
  readonly content: TextContent;
}

/**
 * A note's bytes and text, or why not: 'failed' (an error, reported) or 'skipped' (a binary or
 * non-regular file met in a folder or through a glob, with a warning). A note named on the
 * command line is never skipped: a CI gate must not pass a file it did not read.
 */
function loadNote(note: NoteFile, env: CliEnvironment): LoadedNote | 'failed' | 'skipped' {
  let file: RegularFileContent;
  try {
    file = readNote(note);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!note.named && error instanceof FileProblem && error.kind === 'not-regular') {
      env.stderr(`biolens: warning: ${message}; skipped\n`);
      return 'skipped';
    }
    env.stderr(`biolens: ${message}\n`);
    return 'failed';
  }
  const content = decodeNote(file.bytes);
  if (content.kind === 'binary') {
    if (note.named) {
      env.stderr(`biolens: cannot check '${note.displayPath}': binary file (a NUL byte in its first 8 KB)\n`);
      return 'failed';
    }
    env.stderr(`biolens: warning: skipping '${note.displayPath}': binary file\n`);
    return 'skipped';
  }
  for (const warning of content.warnings) env.stderr(`biolens: warning: '${note.displayPath}' ${warning}\n`);
  return { file, content };
}

/** What fixing one note needs from the run. */
interface FixRun {
  readonly mode: Exclude<FixMode, 'off'>;
  readonly format: OutputFormat;
  /** The working folder's real path: a linked note is fixed only when its real file is inside. */
  readonly realCwd: string;
  readonly service: LanguageService;
  readonly settings: BiolensSettings;
  readonly env: CliEnvironment;
}

/** The note's text and reported findings after fixing (unchanged when nothing was fixed). */
interface FixResult {
  readonly text: string;
  readonly findings: readonly Finding[];
  readonly failed: boolean;
}

/** Why a note must not be rewritten, or undefined when it may be. */
function refusalToRewrite(note: NoteFile, loaded: LoadedNote, realCwd: string): string | undefined {
  const { content, file } = loaded;
  if (!content.lossless) return `it is not valid ${encodingName(content.encoding)}, and rewriting it would lose the bytes read as U+FFFD`;
  // Whatever the decoder did, a rewrite must give back every byte outside the fixed words.
  if (!encodeNote(content.text, content.encoding, content.bom).equals(file.bytes)) return 'its bytes would not be written back exactly as read';
  if (note.realPath !== note.absolutePath && !isInsideFolder(note.realPath, realCwd)) {
    return `it is reached through a symbolic link and its real file '${note.realPath}' is outside the working folder`;
  }
  return undefined;
}

/**
 * Applies the safe fixes of one note (or, in a dry run, prints them as a diff), prints each
 * change, and re-analyses the fixed text for what is left.
 */
async function fixNote(note: NoteFile, loaded: LoadedNote, document: TextDocumentInput, findings: readonly Finding[], run: FixRun): Promise<FixResult> {
  const { service, settings, env } = run;
  const unchanged: FixResult = { text: document.text, findings, failed: false };
  // The engine's safe fixes (the unambiguous spelling of a word that is no drug name), already
  // without overlaps: the same edits an editor's fix-all applies.
  const edits = await service.safeFixEdits(document, neverCancelled);
  if (edits.length === 0) return unchanged;
  const refusal = refusalToRewrite(note, loaded, run.realCwd);
  if (refusal) {
    env.stderr(`biolens: not fixing '${note.displayPath}': ${refusal}\n`);
    return unchanged;
  }
  const text = applyEdits(document.text, edits);
  if (run.mode === 'dry-run') env.stdout(unifiedDiff(note.displayPath, document.text, edits));
  else {
    const { encoding, bom } = loaded.content;
    try {
      writeFileAtomically(note.realPath, encodeNote(text, encoding, bom), loaded.file.stats, `'${note.displayPath}'`);
    } catch (error) {
      env.stderr(`biolens: ${error instanceof Error ? error.message : String(error)}\n`);
      return { ...unchanged, failed: true };
    }
    // JSON and SARIF own stdout; the changes go beside them on stderr.
    const changes = formatChanges(note.displayPath, document.text, edits);
    if (run.format === 'text') env.stdout(changes);
    else env.stderr(changes);
  }
  const after = await service.analyze({ uri: document.uri, version: document.version + 1, text }, neverCancelled);
  return { text, findings: reportedFindings(after, settings), failed: false };
}
