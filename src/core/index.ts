/**
 * The biolens language service: the one facade adapters (language server, CLI) use.
 * It knows nothing of VS Code or LSP.
 */
export * from './types';
export * from './settings';
export { findingCodes, findingCodeDescriptions, findingRules } from './findings/registry';
export type { LanguageService, LanguageServiceOptions } from './languageService';
export { createLanguageService } from './languageService';
export { dictionaryAuditCode, type DictionaryAuditFinding } from './findings/dictionaryAudit';
export { vocabularyFromBytes, VocabularyLoadError, type Vocabulary, type VocabularyBytes } from './vocabulary/vocabulary';
export { taggerFromBytes, type Tagger } from './tagger/tagger';
export { TaggerModelLoadError, taggedKinds, type TaggedKind } from './tagger/model';
