/**
 * Where a document of VS Code for the Web sits in the memory file system: file: URIs at their own path, and the
 * URIs of virtual workspaces (vscode-vfs://github/owner/repo/..., vscode-test-web://mount/...) under
 * /<scheme>/<authority>/<path>, so that a draft and the .mandatelintrc.json of its folder keep their places
 * relative to each other, as on disk.
 */
export function webUriToPath(uri: string): string | undefined {
  const match = /^([a-zA-Z][\w+.-]*):\/\/([^/?#]*)([^?#]*)/.exec(uri);
  if (!match) return undefined;
  const [, scheme, authority, path] = match;
  if (scheme === 'untitled') return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path || '/');
  } catch {
    return undefined;
  }
  if (scheme === 'file') return authority ? `/${authority}${decoded}` : decoded;
  return `/${scheme}/${authority || '-'}${decoded.startsWith('/') ? decoded : '/' + decoded}`;
}
