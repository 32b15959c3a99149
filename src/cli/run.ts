import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BiolensSettings, LanguageService } from '../core';
import { runAnnotate } from './annotate';
import { startService } from './service';
import type { DocumentAnalysis, Finding, TextDocumentInput } from '../core/types';
import { isInsideFolder, writeFileAtomically } from '../node/files';
import { helpText, parseArgs, settingsFromOptions, UsageError, type CliCommand, type FixMode, type OutputFormat } from './args';
import { unifiedDiff } from './diff';
import {
  dictionaryWords,
  encodeNote,
  encodingName,
  gatherNotes,
  loadNote,
  readDictionaryFiles,
  type DictionaryFile,
  type LoadedNote,
  type NoteFile,
} from './files';
import { formatChanges } from './fix';
import { applyEdits } from '../core/fixes/fixes';
import { findingRecords, formatDictionaryAuditText, formatFindingsJson, formatFindingsSarif, formatFindingsText, type FindingRecord } from './format';
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
      const service = await startService(env.dataDir, undefined);
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

type DocumentCommand = Extract<CliCommand, { kind: 'check' | 'annotate' }>;

async function runOnDocuments(command: DocumentCommand, env: CliEnvironment, fail: (message: string) => number): Promise<number> {
  let settings: BiolensSettings;
  let dictionaries: DictionaryFile[];
  try {
    dictionaries = readDictionaryFiles(command.dictionaries, env.cwd);
    settings = settingsFromOptions(command, dictionaryWords(dictionaries));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }

  const { notes, problems, walkProblems } = gatherNotes(command.paths, env.cwd);
  // A path given that leads nowhere is a mistake in the command: nothing is checked or fixed.
  if (problems.length > 0) {
    for (const problem of problems) env.stderr(`biolens: ${problem}\n`);
    return exitCodes.error;
  }

  if (command.kind === 'annotate') {
    const annotated = await runAnnotate({
      notes,
      format: command.format,
      jobs: command.jobs,
      dataDir: env.dataDir,
      settings,
      stdout: env.stdout,
      stderr: env.stderr,
    });
    if (typeof annotated === 'string') return fail(annotated);
    for (const problem of walkProblems) env.stderr(`biolens: ${problem}\n`);
    return annotated.failed || walkProblems.length > 0 ? exitCodes.error : exitCodes.clean;
  }

  // Nothing to read, nothing to load: a folder without notes is clean even before data/ is built.
  let outcome: NotesOutcome = { findings: [], filesChecked: 0, failed: false };
  if (notes.length > 0) {
    const service = await startService(env.dataDir, settings, (note) => env.stderr(`biolens: ${note}\n`));
    if (typeof service === 'string') return fail(service);
    outcome = await checkNotes(command, notes, service, settings, env);
    if (command.format === 'text' && command.fix !== 'dry-run') printDictionaryAudit(dictionaries, service, env);
  }
  printFindings(command, outcome, settings, env);
  // Unreadable folders last, after everything that could be read was checked.
  for (const problem of walkProblems) env.stderr(`biolens: ${problem}\n`);

  if (outcome.failed || walkProblems.length > 0) return exitCodes.error;
  return outcome.findings.length > 0 ? exitCodes.flagged : exitCodes.clean;
}

type CheckCommand = Extract<CliCommand, { kind: 'check' }>;

/**
 * Entries of the dictionaries that hide a slip of a known drug, as information lines before the
 * findings (text output only: the JSON and SARIF records are findings in notes).
 */
function printDictionaryAudit(dictionaries: readonly DictionaryFile[], service: LanguageService, env: CliEnvironment): void {
  for (const dictionary of dictionaries) env.stdout(formatDictionaryAuditText(dictionary.shown, dictionary.text, service.auditDictionary(dictionary.text)));
}

/** Prints the findings; a dry run has printed its diff already and prints nothing more. */
function printFindings(command: CheckCommand, outcome: NotesOutcome, settings: BiolensSettings, env: CliEnvironment): void {
  const { findings, filesChecked } = outcome;
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

/** Reads and checks the notes one after another, reporting unreadable and binary ones on stderr. */
async function checkNotes(
  command: CheckCommand,
  notes: readonly NoteFile[],
  service: LanguageService,
  settings: BiolensSettings,
  env: CliEnvironment,
): Promise<NotesOutcome> {
  const findings: FindingRecord[] = [];
  let filesChecked = 0;
  let failed = false;
  const fixing: FixRun | undefined =
    command.fix !== 'off' ? { mode: command.fix, format: command.format, realCwd: fs.realpathSync(env.cwd), service, settings, env } : undefined;
  for (const note of notes) {
    const loaded = loadNote(note, env.stderr);
    if (loaded === 'failed') failed = true;
    if (typeof loaded === 'string') continue;
    const document = { uri: pathToFileURL(note.absolutePath).href, version: 1, text: loaded.content.text };
    const analysis = await service.analyze(document, neverCancelled);
    filesChecked++;
    let result: FixResult = { text: document.text, findings: reportedFindings(analysis, settings), failed: false };
    if (fixing) result = await fixNote(note, loaded, document, result.findings, fixing);
    failed ||= result.failed;
    pushAll(findings, findingRecords(note.displayPath, result.text, { ...analysis, findings: result.findings }));
  }
  return { findings, filesChecked, failed };
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
