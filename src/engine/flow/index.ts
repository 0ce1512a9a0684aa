/** The flow document: schema, canonical export, import with migrations, version hashes. */
export * from './schema';
export { canonicalJson, compareKeys, exportFlow, exportFlowWithReport, KEY_PRIORITY } from './canonical';
export { projectConfig, projectFlow, roundPosition, SECRET_LOOKING_KEY, type KindResolver, type ProjectOptions } from './project';
export { flowVersionHash, sha256Hex } from './hash';
export { importFlow, DEFAULT_MAX_PROBLEMS, type ImportOptions, type ImportResult } from './import';
export {
  FlowMigrationError,
  migrateFlowDocument,
  migrations,
  OLDEST_FLOW_VERSION,
  type FlowMigration,
  type MigrationResult,
} from './migrations';
export { formatPath, formatProblem, joinPath, ROOT_PATH, type FlowProblem } from './problems';
export { findJsonSyntaxError, MAX_IMPORT_CHARS, parseJsonText } from './jsonText';
export { MAX_NESTING, MAX_VALUES } from './jsonData';
export { createEmptyFlow, newId } from './create';
