import * as vscode from 'vscode';
import { defaultDictionaryName } from '../core/dictionary';
import { addToDictionaryCommand, type DictionaryTarget } from '../server/protocol';

/** What a new user dictionary starts with, so a writer who opens it knows the format. */
const userDictionaryHeader =
  '# biolens user dictionary: words never flagged in any of your notes, one a line.\n' +
  '# A comment after a word says why: leflutrozole  # studied here for male hypogonadism\n';

/** The user's own dictionary: `biolens-dictionary.txt` in the extension's global storage. */
function userDictionaryUri(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.globalStorageUri, defaultDictionaryName);
}

/**
 * Creates the global storage folder (VS Code does not), where the server reads and watches the
 * user dictionary: the dictionary itself is created only when the writer adds a word or opens it.
 */
export async function ensureUserDictionaryFolder(context: vscode.ExtensionContext): Promise<vscode.Uri> {
  await vscode.workspace.fs.createDirectory(context.globalStorageUri);
  return context.globalStorageUri;
}

/** Creates the user dictionary, with a header that says its format, when missing. */
export async function ensureUserDictionary(context: vscode.ExtensionContext): Promise<vscode.Uri> {
  const file = userDictionaryUri(context);
  await ensureUserDictionaryFolder(context);
  try {
    await vscode.workspace.fs.stat(file);
  } catch (error) {
    if (!(error instanceof vscode.FileSystemError) || error.code !== 'FileNotFound') throw error;
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(userDictionaryHeader));
  }
  return file;
}

/** Opens the user dictionary in an editor, creating it first. */
export async function openUserDictionary(context: vscode.ExtensionContext): Promise<void> {
  const file = await ensureUserDictionary(context);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
}

/**
 * Asks why a word is meant as written, offering `suggested`; Escape or an empty answer means no
 * reason (the word is still added: the question is optional, the choice was made already).
 */
export async function askReason(word: string, suggested: string | undefined): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title: `biolens: why is '${word}' meant as written? (optional)`,
    value: suggested ?? '',
    prompt: `Written after the word as '${word}  # reason'. Leave it empty or press Escape to add the word without a reason.`,
  });
  return answer?.trim() || undefined;
}

/**
 * The add-to-dictionary quick fixes' command (addToDictionaryWithReasonCommand): asks for the
 * reason, then has the server write `word  # reason` to the chosen dictionary. Returns where.
 */
export async function addWithReason(documentUri: string, word: string, suggested: string | undefined, target: DictionaryTarget): Promise<string> {
  const reason = await askReason(word, suggested);
  return vscode.commands.executeCommand<string>(addToDictionaryCommand, documentUri, word, reason ?? null, target);
}
