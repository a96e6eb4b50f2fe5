/**
 * Saves text as a file through the browser's own download path (works in Electron and the browser
 * host alike, and needs no file-system access in the renderer).
 */
export function saveText(filename: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // give the download a moment to start before the URL goes away
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
