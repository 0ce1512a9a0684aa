// PLACEHOLDER: at start-up, Settings points the run services at the configured providers
// (setProviderSource in ../runtime/services) and keeps the header's provider badge current.
export function initSettings(): void {}
