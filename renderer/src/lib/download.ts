/**
 * Saves data as a file through the browser's own download path (works in Electron and the browser
 * host alike, and needs no file-system access in the renderer).
 */
export function saveBlob(filename: string, blob: Blob, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
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

export function saveText(filename: string, text: string, doc: Document = document): void {
  saveBlob(filename, new Blob([text], { type: 'text/plain;charset=utf-8' }), doc);
}

/** Bytes that arrived as base64 (e.g. url.body) saved under `filename`. */
export function saveBase64(filename: string, base64: string, type: string, doc: Document = document): void {
  saveBlob(filename, new Blob([fromBase64(base64)], { type }), doc);
}

export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
