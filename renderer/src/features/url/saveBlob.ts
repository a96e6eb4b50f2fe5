/**
 * Saves bytes (base64 from url.body) through the browser's own download path, like lib/download's
 * saveText does for text: it works in Electron and the browser host and needs no file system here.
 */
export function saveBase64(filename: string, base64: string, type: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([fromBase64(base64)], { type }));
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

export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
