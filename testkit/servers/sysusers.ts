import { readFileSync } from 'node:fs';

/** uid of a system user from /etc/passwd (throws naming the user if absent). */
export function uidOf(name: string): number {
  return idFrom('/etc/passwd', name, 'user');
}

/** gid of a system group from /etc/group (throws naming the group if absent). */
export function gidOf(name: string): number {
  return idFrom('/etc/group', name, 'group');
}

/** true when the user exists in /etc/passwd */
export function userExists(name: string): boolean {
  try { uidOf(name); return true; } catch { return false; }
}

/** home directory of a user from /etc/passwd, or null */
export function homeOf(name: string): string | null {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.split(':')[0] === name);
  return line ? line.split(':')[5] ?? null : null;
}

function idFrom(file: string, name: string, what: string): number {
  const line = readFileSync(file, 'utf8').split('\n').find((l) => l.split(':')[0] === name);
  if (!line) throw new Error(`system ${what} "${name}" does not exist (its Debian package creates it; is it installed?)`);
  return Number(line.split(':')[2]);
}
