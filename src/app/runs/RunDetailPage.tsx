// PLACEHOLDER: replaced by the real page.
export function RunDetailPage({ runId }: { runId: string }) {
  return (
    <div className="page">
      <h1>Run {runId}</h1>
    </div>
  );
}
