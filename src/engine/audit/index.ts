export * from './types';
export { chainDrafts, entryText, hashEntry, hashValue, sha256Text } from './hash';
export { ChainWalker, VERIFY_BATCH, verifyChain, verifyChainBatches, type VerifyOptions } from './verify';
export { AUDIT_FILE_VERSION, AUDIT_FORMAT, auditFileText, describeVerification, verifyAuditFile, type AuditFile, type VerifyFileOptions } from './file';
