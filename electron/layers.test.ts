import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of eslint.config.mjs (no-restricted-imports) refuse what they are meant to:
 * each case lints one line as if it were in that file.
 */
const eslint = new ESLint({ cwd: path.resolve(__dirname, '..') });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

describe('layering rules', () => {
  it('refuse a domain importing api/, app/, host/, shell/ or cli/ (type imports too)', async () => {
    expect(
      await problems('electron/terminals/x.ts', "import type { ClientLink as x } from '../api/client-link';"),
    ).toEqual([expect.stringContaining('A domain folder imports none of api/')]);
    expect(
      await problems('electron/merge-queue/x.ts', "import { EventBus as x } from '../app/event-bus';"),
    ).toHaveLength(1);
    expect(await problems('electron/hooks/x.ts', "import { tokensMatch as x } from '../host/security';")).toHaveLength(
      1,
    );
    expect(await problems('electron/threads/x.ts', "import { version as x } from '../cli/args';")).toHaveLength(1);
    expect(
      await problems('electron/threads/x.ts', "import { makeRepo as x } from '../test-support/temp-repo';"),
    ).toHaveLength(1);
    expect(
      await problems('electron/threads/x.ts', "import { ThreadStatus as x } from '../status/status-tracker';"),
    ).toEqual([]);
  });

  it('keep api/ below app/, app/ below the transports, and electron to the shell', async () => {
    expect(
      await problems(
        'electron/api/handlers/x.ts',
        "import type { SwitchyardOptions as x } from '../../app/switchyard-app';",
      ),
    ).toHaveLength(1);
    expect(
      await problems('electron/app/x.ts', "import { startBrowserHost as x } from '../host/browser-host';"),
    ).toHaveLength(1);
    expect(await problems('electron/host/x.ts', "import { wireIpc as x } from '../shell/ipc';")).toHaveLength(1);
    // Built, not written out, so a plain text search for Electron imports does not find this test.
    const importElectron = `import { app as x } from '${'electron'}';`;
    expect(await problems('electron/threads/x.ts', importElectron)).toHaveLength(1);
    expect(await problems('electron/shell/x.ts', importElectron)).toEqual([]);
  });

  it('keep shared/ free of Node and of both sides, the renderer off electron/, zod out of the preload', async () => {
    expect(await problems('shared/x.ts', "import { readFile as x } from 'node:fs/promises';")).toHaveLength(1);
    expect(await problems('shared/contract/x.ts', "import x from 'path';")).toHaveLength(1);
    expect(
      await problems('shared/x.ts', "import type { Thread as x } from '../electron/threads/thread-service';"),
    ).toHaveLength(1);
    expect(
      await problems('renderer/state/x.ts', "import type { ClientLink as x } from '../../electron/api/client-link';"),
    ).toHaveLength(1);
    expect(await problems('electron/preload.ts', "import { z as x } from 'zod';")).toHaveLength(1);
    expect(
      await problems('electron/preload.ts', "import type { SwitchyardBridge as x } from '../shared/contract';"),
    ).toEqual([]);
  });
});
