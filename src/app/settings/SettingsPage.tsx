// PLACEHOLDER: replaced by the real page.
export function SettingsPage() {
  return (
    <div className="page">
      <h1>Settings</h1>
    </div>
  );
}
