import { chmod, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';

/** Where `serve` keeps its port and token between runs: in the data folder, readable by the user alone. */
export const serveAddressName = 'serve-address.json';

export interface ServeAddress {
  readonly port: number;
  readonly token: string;
}

/** The port and token of the last run on this data folder, or null (none yet, or unreadable). */
export async function readServeAddress(dataDir: string): Promise<ServeAddress | null> {
  try {
    const value = JSON.parse(await readFile(path.join(dataDir, serveAddressName), 'utf8')) as Partial<ServeAddress>;
    const port = value.port;
    const token = value.token;
    if (typeof port !== 'number' || !Number.isInteger(port) || port <= 0 || port > 65535) return null;
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{16,200}$/.test(token)) return null;
    return { port, token };
  } catch {
    return null;
  }
}

/** Saves them (mode 0600: the token is the key to every agent), replacing the file in one step. */
export async function writeServeAddress(dataDir: string, address: ServeAddress): Promise<void> {
  const file = path.join(dataDir, serveAddressName);
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(address, null, 2)}\n`);
  } finally {
    await handle.close();
  }
  await chmod(temp, 0o600); // the umask cannot widen it, but an older file could have been looser
  await rename(temp, file);
}
