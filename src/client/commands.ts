/**
 * The ids of the commands the client registers, in one place: extension.ts registers each, the
 * status menu runs some, and package.json contributes those a writer can run from the palette
 * (test/lsp/manifest.test.ts checks that every contributed one is here). The command quick fixes
 * run is the server's contract and lives in src/server/protocol.ts.
 */
export const commandIds = {
  checkWorkspace: 'biolens.checkWorkspace',
  showEntities: 'biolens.showEntities',
  showFindings: 'biolens.showFindings',
  statusMenu: 'biolens.statusMenu',
  turnOffForWorkspace: 'biolens.turnOffForWorkspace',
  turnOnForWorkspace: 'biolens.turnOnForWorkspace',
  addWordToDictionary: 'biolens.addWordToDictionary',
  openUserDictionary: 'biolens.openUserDictionary',
  openSampleNote: 'biolens.openSampleNote',
  walkthroughStep: 'biolens.walkthroughStep',
  restartServer: 'biolens.restartServer',
  showOutput: 'biolens.showOutput',
} as const;
