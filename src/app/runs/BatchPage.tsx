// PLACEHOLDER: replaced by the real page.
export function BatchPage({ batchId }: { batchId: string }) {
  return (
    <div className="page">
      <h1>Dataset run {batchId}</h1>
    </div>
  );
}
