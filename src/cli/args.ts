import { resolveSettings, type BiolensSettings } from '../core/settings';
import { findingCodes } from '../core/findings/registry';

export type OutputFormat = 'text' | 'json' | 'jsonl' | 'sarif';
export const outputFormats: readonly OutputFormat[] = ['text', 'json', 'jsonl', 'sarif'];

/** Options of `check` and `annotate`, as typed; values are validated when settings are built. */
export interface DocumentOptions {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  /** `--severity CODE=LEVEL` pairs in the order given; a later pair for a code wins. */
  readonly severity: readonly (readonly [code: string, level: string])[];
  readonly ignoredWords: readonly string[];
  readonly dictionaries: readonly string[];
  /** `--language TAG`: the language the notes are written in (default en). */
  readonly language?: string;
}

/** What `check` does with safe fixes: nothing, write them (`--fix`), or print them as a diff (`--fix-dry-run`). */
export type FixMode = 'off' | 'write' | 'dry-run';

export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | ({ readonly kind: 'check'; readonly fix: FixMode } & DocumentOptions)
  | ({ readonly kind: 'annotate'; readonly jobs?: number } & DocumentOptions)
  | { readonly kind: 'explain'; readonly term: string };

/** A mistake in how biolens was called; the CLI prints its message and exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function helpText(version: string): string {
  return `biolens ${version}: checks drug, gene and biomarker names in biomedical markdown

Usage:
  biolens check [options] [paths...]     flag drug-name misspellings and mix-ups
  biolens annotate [options] [paths...]  list the recognised drugs, genes and biomarkers
  biolens explain TERM                   print the card of a drug, gene or biomarker
  biolens --help | --version

Paths are files, folders or quoted glob patterns ("notes/**/*.md"); no paths means the
current folder. Folders are searched for *.md and *.markdown files, skipping node_modules
and anything whose name starts with a dot. A file named explicitly is read whatever its
extension. Each note is checked once, however many paths or links lead to it.

Options:
  --format text|json|jsonl|sarif
                             output format (default text; sarif is for check only,
                             jsonl for annotate only: one JSON object a line per
                             mention, streamed note by note)
  --jobs N                   annotate: read and analyse notes on N threads at once
                             (default: the CPU count); output order is the notes'
                             order whatever N
  --severity CODE=LEVEL      set the severity of a finding code; LEVEL is one of
                             ignore, hint, information, warning, error (repeatable)
                             codes: ${findingCodes.join(', ')}
  --ignore-word WORD         never flag WORD (repeatable)
  --language TAG             the language the notes are written in (default en); only
                             English notes get drug-spelling-variant findings
  --dictionary FILE          a workspace dictionary: one word per line, '#' starts a
                             comment (repeatable); ./biolens-dictionary.txt is read
                             when it exists
  --fix                      check: apply the safe fixes, then report what is left
                             (safe: the spelling of a word that is no drug name when
                             one drug name clearly wins; never a real drug or brand)
  --fix-dry-run              check: print the safe fixes as a unified diff and write
                             nothing; exits as --fix would leave the notes
  -h, --help                 show this help
  -v, --version              show the version

Output:
  Lines and columns are 1-based; columns count UTF-16 code units (plus one), as editors
  do. In JSON and SARIF the end line and column are exclusive.

Reading:
  Notes must be regular files of at most 64 MB, dictionaries of at most 32 MB. A file
  named explicitly that cannot be read, is not a regular file or is binary (a NUL byte
  in its first 8 KB) is an error; a binary or non-regular file found in a folder or by a
  glob is skipped with a warning; a folder that cannot be read is an error reported
  after everything else is checked.

Fixing:
  --fix rewrites a note atomically (a temporary file, then a rename), keeping its
  encoding (UTF-8, UTF-16 with BOM), byte order mark, line endings and file mode, and
  prints each change as path:line:col: 'old' → 'new' (on stderr with --format json or
  sarif, so stdout stays parseable). A note that is not valid UTF-8 or UTF-16 is never
  rewritten, nor one reached through a symbolic link whose real file is outside the
  working folder; both are reported on stderr.

Exit status:
  0  nothing flagged   1  check flagged something   2  usage or read error
`;
}

const valueOptions = new Set(['--format', '--severity', '--ignore-word', '--dictionary', '--language', '--jobs']);
const fixFlags: ReadonlyMap<string, FixMode> = new Map([
  ['--fix', 'write'],
  ['--fix-dry-run', 'dry-run'],
]);

/** Parses the arguments after `biolens` (process.argv.slice(2)). Throws UsageError. */
export function parseArgs(argv: readonly string[]): CliCommand {
  const positionals: string[] = [];
  let format: OutputFormat | undefined;
  const severity: [string, string][] = [];
  const ignoredWords: string[] = [];
  const dictionaries: string[] = [];
  let language: string | undefined;
  let jobs: number | undefined;
  const fixes = new Set<FixMode>();
  let wantsHelp = false;
  let wantsVersion = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      for (const rest of argv.slice(i + 1)) positionals.push(rest);
      break;
    }
    const fix = fixFlags.get(arg);
    if (fix) {
      fixes.add(fix);
      continue;
    }
    if (arg === '-h' || arg === '--help') {
      wantsHelp = true;
      continue;
    }
    if (arg === '-v' || arg === '--version') {
      wantsVersion = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    if (fixFlags.has(name)) throw new UsageError(`option '${name}' takes no value`);
    if (!valueOptions.has(name)) throw new UsageError(`unknown option '${name}'`);
    let value: string;
    if (name !== arg) value = arg.slice(equals + 1);
    else {
      if (i + 1 >= argv.length) throw new UsageError(`option '${name}' needs a value`);
      value = argv[++i];
    }
    switch (name) {
      case '--format':
        if (!(outputFormats as readonly string[]).includes(value)) {
          throw new UsageError(`--format must be one of ${outputFormats.join(', ')}, got '${value}'`);
        }
        format = value as OutputFormat;
        break;
      case '--severity': {
        const split = value.indexOf('=');
        if (split <= 0) throw new UsageError(`--severity expects CODE=LEVEL, got '${value}'`);
        severity.push([value.slice(0, split).trim(), value.slice(split + 1).trim()]);
        break;
      }
      case '--ignore-word':
        ignoredWords.push(value);
        break;
      case '--dictionary':
        dictionaries.push(value);
        break;
      case '--language':
        language = value;
        break;
      case '--jobs':
        if (!/^[1-9]\d{0,3}$/.test(value)) throw new UsageError(`--jobs takes a whole number from 1 to 9999, got '${value}'`);
        jobs = Number(value);
        break;
    }
  }

  if (wantsHelp) return { kind: 'help' };
  if (wantsVersion) return { kind: 'version' };

  const [command, ...rest] = positionals;
  if (fixes.size > 0 && command !== 'check' && command !== undefined) {
    throw new UsageError(`--fix and --fix-dry-run are for check; ${command} changes no file`);
  }
  if (jobs !== undefined && command !== 'annotate' && command !== undefined) throw new UsageError(`--jobs is for annotate`);
  if (format === 'jsonl' && command !== 'annotate' && command !== undefined) {
    throw new UsageError(`--format jsonl is for annotate; ${command} prints ${command === 'check' ? 'text, json or sarif' : 'text'}`);
  }
  const documentOptions: DocumentOptions = {
    paths: rest,
    format: format ?? 'text',
    severity,
    ignoredWords,
    dictionaries,
    ...(language ? { language } : {}),
  };
  switch (command) {
    case undefined:
      throw new UsageError(`missing command (try 'biolens --help')`);
    case 'help':
      return { kind: 'help' };
    case 'check':
      return { kind: command, fix: checkFixMode(fixes, format), ...documentOptions };
    case 'annotate':
      if (format === 'sarif') throw new UsageError('--format sarif is for check; annotate prints text, json or jsonl');
      return { kind: command, ...documentOptions, ...(jobs ? { jobs } : {}) };
    case 'explain': {
      if (format !== undefined && format !== 'text') throw new UsageError('explain prints text only');
      // Several words name one term: `biolens explain estrogen receptor`.
      const term = rest.join(' ').trim();
      if (term === '') throw new UsageError('explain needs a term, e.g. biolens explain letrozole');
      return { kind: 'explain', term };
    }
    default:
      throw new UsageError(`unknown command '${command}' (try 'biolens --help')`);
  }
}

/** The fix mode of `check` from its flags; a dry run prints a diff, so it takes no JSON or SARIF format. */
function checkFixMode(fixes: ReadonlySet<FixMode>, format: OutputFormat | undefined): FixMode {
  if (fixes.size > 1) throw new UsageError('--fix and --fix-dry-run exclude each other');
  const [mode = 'off'] = fixes;
  if (mode === 'dry-run' && format !== undefined && format !== 'text') {
    throw new UsageError(`--fix-dry-run prints a diff; it takes no --format ${format}`);
  }
  return mode;
}

/**
 * Builds the language-service settings from the options and the words of the dictionaries.
 * Throws UsageError naming the first invalid value.
 */
export function settingsFromOptions(options: DocumentOptions, dictionaryWords: readonly string[]): BiolensSettings {
  const problems: string[] = [];
  const settings = resolveSettings(
    {
      severity: Object.fromEntries(options.severity),
      ignoredWords: options.ignoredWords.concat(dictionaryWords),
      language: options.language,
    },
    (problem) => problems.push(problem),
  );
  if (problems.length > 0) {
    const option = problems[0].startsWith('language') ? '--language' : '--severity';
    throw new UsageError(`invalid ${option}: ${problems[0]}${option === '--severity' ? ` (codes: ${findingCodes.join(', ')})` : ''}`);
  }
  return settings;
}
