import { webDataCopies, type BrowserDataFile } from '../server/protocol';

/**
 * The URL of each file the worker fetches itself, from the URL one of the extension's files came
 * from (`file`, its path in the extension): a resource URL that names that path in its `path`
 * parameter (code-server's vscode-remote-resource) or ends with it (a CDN's, as vscode.dev's).
 * Undefined for any other form: the extension then sends every file itself.
 */
export function webDataUrls(fileUrl: string | undefined, file: string): Record<BrowserDataFile, string> | undefined {
  if (!fileUrl) return undefined;
  let url: URL;
  try {
    url = new URL(fileUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const suffix = `/${file}`;
  const queryPath = url.searchParams.get('path');
  let urlOf: (file: string) => string;
  if (queryPath?.endsWith(suffix)) {
    const root = queryPath.slice(0, -file.length);
    urlOf = (other) => {
      const at = new URL(url);
      at.searchParams.set('path', root + other);
      return at.toString();
    };
  } else if (url.pathname.endsWith(suffix)) {
    const root = url.pathname.slice(0, -file.length);
    urlOf = (other) => {
      const at = new URL(url);
      at.pathname = root + other;
      return at.toString();
    };
  } else return undefined;
  const urls = {} as Record<BrowserDataFile, string>;
  for (const [field, path] of Object.entries(webDataCopies)) if (field !== 'drugNames') urls[field as BrowserDataFile] = urlOf(path);
  return urls;
}
