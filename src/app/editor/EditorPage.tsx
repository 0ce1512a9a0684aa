// PLACEHOLDER: replaced by the real page.
export function EditorPage({ flowId }: { flowId: string }) {
  return (
    <div className="page">
      <h1>Editor for {flowId}</h1>
    </div>
  );
}
