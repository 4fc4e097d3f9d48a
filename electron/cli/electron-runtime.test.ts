import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-repo';
import { detectElectronRuntime } from './electron-runtime';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let packageDir: string;

beforeEach(async () => {
  temp = await makeTempDir();
  packageDir = path.join(temp.dir, 'node_modules', 'electron');
  await mkdir(packageDir, { recursive: true });
  await writeFile(path.join(packageDir, 'package.json'), '{"name":"electron"}');
});
afterEach(() => temp.cleanup());

describe('detectElectronRuntime', () => {
  it('reports a package without a downloaded runtime as unavailable, without downloading', async () => {
    const runtime = await detectElectronRuntime(temp.dir, {});
    expect(runtime).toMatchObject({ available: false });
    expect(!runtime.available && runtime.reason).toContain('not been downloaded');
  });

  it('finds the runtime named by path.txt', async () => {
    await writeFile(path.join(packageDir, 'path.txt'), 'electron');
    await mkdir(path.join(packageDir, 'dist'));
    expect(await detectElectronRuntime(temp.dir, {})).toMatchObject({ available: false });
    await writeFile(path.join(packageDir, 'dist', 'electron'), '');
    await chmod(path.join(packageDir, 'dist', 'electron'), 0o755);
    expect(await detectElectronRuntime(temp.dir, {})).toEqual({
      available: true,
      executable: path.join(packageDir, 'dist', 'electron'),
    });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const override = path.join(temp.dir, 'custom');
    await mkdir(override);
    expect(await detectElectronRuntime(temp.dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toMatchObject({
      available: false,
    });
    await writeFile(path.join(override, 'electron'), '');
    expect(await detectElectronRuntime(temp.dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({
      available: true,
      executable: path.join(override, 'electron'),
    });
  });

  it('says so when the electron package itself is absent', async () => {
    expect(await detectElectronRuntime(path.join(temp.dir, 'elsewhere'), {})).toMatchObject({ available: false });
  });
});
