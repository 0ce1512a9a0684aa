// PLACEHOLDER: replaced by the real page.
export function RunsPage(_props: { flowId?: string; status?: string }) {
  return (
    <div className="page">
      <h1>Runs</h1>
    </div>
  );
}
