import { useEffect, useState } from 'react';
import type { RequestOf } from '../../shared/contract';
import type { WireError } from '../../shared/errors';
import { getBriefActions } from './brief-actions';

export interface RenderedPrompt {
  /** The last prompt rendered, kept while a newer one is on its way so the preview does not flicker. */
  readonly prompt: string | null;
  readonly error: WireError | null;
}

const nothingYet: RenderedPrompt = { prompt: null, error: null };

/**
 * The prompt `request` renders to, asked of the host a moment after the request stops changing
 * (typing should not send a request per key). Null asks for nothing.
 */
export function useRenderedPrompt(request: RequestOf<'briefs.preview'> | null, delayMs = 250): RenderedPrompt {
  // The form builds a new request object on every render; its text is what says whether it changed.
  const key = request === null ? null : JSON.stringify(request);
  const [rendered, setRendered] = useState<RenderedPrompt>(nothingYet);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    const timer = setTimeout(() => {
      const parsed = JSON.parse(key) as RequestOf<'briefs.preview'>;
      void getBriefActions()
        .previewPrompt(parsed)
        .then((result) => {
          if (!current) return;
          setRendered(result.ok ? { prompt: result.value.prompt, error: null } : { prompt: null, error: result.error });
        });
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, delayMs]);

  return rendered;
}
