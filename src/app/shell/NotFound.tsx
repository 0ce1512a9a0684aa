import { hrefFor } from '../router';

export function NotFound({ path }: { path: string }) {
  return (
    <div className="page">
      <h1>Nothing here</h1>
      <p className="lede">
        There is no page at <code>{path}</code>. <a href={hrefFor({ page: 'flows' })}>Go to your flows</a>.
      </p>
    </div>
  );
}
