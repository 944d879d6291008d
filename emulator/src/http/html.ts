const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** A complete, self-contained page: no external assets, readable contrast, one main landmark. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f3f4f6; color: #111827; }
  main { max-width: 34rem; margin: 2.5rem auto; padding: 2rem; background: #ffffff; border-radius: 0.5rem; box-shadow: 0 1px 3px rgba(0,0,0,0.15); }
  h1 { font-size: 1.5rem; margin: 0 0 0.5rem; }
  p { line-height: 1.5; }
  .tenant { color: #374151; font-size: 0.95rem; }
  ul { list-style: none; padding: 0; margin: 1rem 0 0; display: grid; gap: 0.5rem; }
  button { width: 100%; text-align: left; font: inherit; padding: 0.75rem 1rem; border: 1px solid #6b7280; border-radius: 0.375rem; background: #ffffff; color: #111827; cursor: pointer; display: grid; gap: 0.15rem; }
  button:hover { background: #eff6ff; border-color: #1d4ed8; }
  button:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
  button.primary { background: #1d4ed8; color: #ffffff; border-color: #1d4ed8; text-align: center; display: block; }
  button.primary:hover { background: #1e40af; }
  .hinted { border-width: 2px; border-color: #1d4ed8; }
  .name { font-weight: 600; }
  .upn, .role { font-size: 0.9rem; color: #374151; }
  .note { font-size: 0.85rem; color: #4b5563; margin-top: 1.5rem; }
  .error { color: #991b1b; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}
