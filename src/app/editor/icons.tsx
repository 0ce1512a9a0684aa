/** Small line icons per node kind (16 px, stroke in the current colour). */
const PATHS: Record<string, string> = {
  input: 'M2.5 8h7M7 5l3 3-3 3M13 2.5v11',
  template: 'M3.5 3.5h9M8 3.5v9M6 12.5h4',
  transform: 'M11 2.5c-2 0-2.5 1.3-3 4s-1 6.5-3.5 6.5M5 7h5',
  code: 'M5.5 4L2 8l3.5 4M10.5 4L14 8l-3.5 4',
  router: 'M2 8h4.5M6.5 8l6-4.5M6.5 8l6 4.5M11 3.5h1.5V5M11 12.5h1.5V11',
  merge: 'M2 3.5L7 8l-5 4.5M7 8h7M11.5 5.5L14 8l-2.5 2.5',
  http: 'M8 2a6 6 0 1 0 0 12A6 6 0 1 0 8 2M2 8h12M8 2c2.3 2.2 2.3 9.8 0 12M8 2c-2.3 2.2-2.3 9.8 0 12',
  schema_check: 'M8 1.8l5 2v4c0 3-2.2 5.2-5 6.4-2.8-1.2-5-3.4-5-6.4v-4zM5.5 8l2 2 3-3.5',
  output: 'M3 2.5v11M6 8h7.5M11 5l3 3-3 3',
  agent: 'M8 1.5l1.6 4.9 4.9 1.6-4.9 1.6L8 14.5l-1.6-4.9L1.5 8l4.9-1.6z',
  llm_router: 'M6 1.5l1 3 3 1-3 1-1 3-1-3-3-1 3-1zM9 10.5h2.5l2-2.5M11.5 10.5l2 2.5',
  judge: 'M8 2.5v11M5 13.5h6M3 4.5h10M3 4.5l-2 4.5h4zM13 4.5l-2 4.5h4z',
  grounding_check: 'M4 1.5h5.5l2.5 2.5v10H4zM6 9l1.5 1.5L10.5 7',
  quality_api: 'M2.5 11.5a5.5 5.5 0 0 1 11 0M8 11.5l2.5-3.5M4.5 7.5l-.9-.8M8 6V4.8M11.5 7.5l.9-.8',
  human: 'M8 2.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 1 0 0-5M3 14c0-3 2.2-4.8 5-4.8s5 1.8 5 4.8',
};

const FALLBACK = 'M5.5 6a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .8-1 1.5v.7M8 12.5v.5';

export function KindIcon({ kind, className }: { kind: string; className?: string }) {
  return (
    <svg className={className} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={PATHS[kind] ?? FALLBACK} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
