/**
 * Runs a real VS Code (code-server 4.100.3, installed by scripts/vscode/install.sh into
 * .vscode-test/) and drives its workbench with Debian's chromium through playwright-core.
 * Everything started here is stopped by the returned `stop()`/`close()`: code-server runs in its
 * own process group, which is killed as a whole.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

export const repoRoot = path.join(__dirname, '..', '..');
export const testRoot = path.join(repoRoot, '.vscode-test');
const codeServerBin = path.join(testRoot, 'code-server', 'node_modules', '.bin', 'code-server');
const chromiumPath = process.env.BIOLENS_CHROMIUM ?? '/usr/bin/chromium';

export const userSettings = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'editor.hover.delay': 100,
  'git.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  'files.autoSave': 'off',
  'workbench.colorTheme': 'Default Light Modern',
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** A fresh folder under the OS temp dir; removed by the caller. */
export function tempFolder(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A workspace holding copies of the sample notes in examples/. */
export function sampleWorkspace(): string {
  const folder = tempFolder('biolens-ws-');
  for (const name of fs.readdirSync(path.join(repoRoot, 'examples'))) {
    fs.copyFileSync(path.join(repoRoot, 'examples', name), path.join(folder, name));
  }
  return folder;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns a value, failing after `timeoutMs`. For conditions with no event to wait on. */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setTimeout(resolve, 50));
  }
}

export interface CodeServer {
  readonly port: number;
  readonly origin: string;
  readonly home: string;
  readonly extensionsDir: string;
  /** Workbench URL opening `folder`, with an optional extension-test payload. */
  url(folder: string, payload?: [string, string][]): string;
  /** A path on this machine as the workbench's remote URI. */
  remoteUri(absolutePath: string): string;
  stop(): Promise<void>;
}

function sandboxEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    // An empty gallery: code-server would otherwise look extensions up on open-vsx.org.
    EXTENSIONS_GALLERY: '{}',
    VSCODE_PROXY_URI: '',
  };
}

/** Installs a VSIX into an extensions folder with code-server's own CLI (what a user does). */
export async function installVsix(vsix: string, extensionsDir: string, home: string): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)(
    codeServerBin,
    ['--extensions-dir', extensionsDir, '--user-data-dir', path.join(home, 'data'), '--install-extension', vsix],
    {
      env: sandboxEnv(home),
      timeout: 120_000,
    },
  );
  return `${stdout}${stderr}`;
}

export async function startCodeServer(options: { extensionsDir?: string; home?: string; settings?: Record<string, unknown> } = {}): Promise<CodeServer> {
  if (!fs.existsSync(codeServerBin)) throw new Error(`code-server is not installed: run bash scripts/vscode/install.sh`);
  const home = options.home ?? tempFolder('biolens-home-');
  const userDataDir = path.join(home, 'data');
  const extensionsDir = options.extensionsDir ?? path.join(home, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...options.settings }, null, 2));
  const config = path.join(home, 'code-server.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(home, 'code-server.log'), 'a');
  const child: ChildProcess = spawn(
    codeServerBin,
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--config',
      config,
    ],
    // detached: its own process group (setsid), so stop() ends its watchers and language servers too.
    { detached: true, stdio: ['ignore', log, log], env: sandboxEnv(home) },
  );
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  child.once('exit', () => (running = false));
  const stop = async (): Promise<void> => {
    if (running && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(killer);
    }
    // Children that outlived their parent in the group (file watcher, language servers).
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // none left
    }
  };
  try {
    await until(
      'code-server /healthz',
      async () => {
        if (!running) throw new Error(`code-server exited; see ${path.join(home, 'code-server.log')}`);
        const response = await fetch(`${origin}/healthz`).catch(() => undefined);
        return response?.ok ? true : undefined;
      },
      60_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    origin,
    home,
    extensionsDir,
    url(folder, payload) {
      let url = `${origin}/?folder=${encodeURIComponent(folder)}`;
      if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return url;
    },
    remoteUri(absolutePath) {
      return `vscode-remote://127.0.0.1:${port}${absolutePath}`;
    },
    stop,
  };
}

export interface Workbench {
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(home: string): Promise<Workbench> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    env: sandboxEnv(home),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 850 } });
  const page = await context.newPage();
  return {
    browser,
    page,
    close: () => browser.close(),
  };
}
