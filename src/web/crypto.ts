/** node:crypto for the web client (esbuild.mjs maps it here): only the webview nonce's random bytes. */
export function randomBytes(size: number): { toString(encoding: 'base64'): string } {
  const bytes = new Uint8Array(size);
  globalThis.crypto.getRandomValues(bytes);
  return { toString: () => btoa(String.fromCharCode(...bytes)) };
}
