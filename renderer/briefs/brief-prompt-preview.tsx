import { useState } from 'react';
import type { RequestOf } from '../../shared/contract';
import { useRenderedPrompt } from './brief-preview';
import { InlineError } from '../ui/inline-error';

interface BriefPromptPreviewProps {
  /** What the host should render; null when the form has no brief and the prompt goes as typed. */
  request: RequestOf<'briefs.preview'> | null;
  plainPrompt: string;
}

/** A collapsed section showing the agent's first prompt as it will be sent. */
export function BriefPromptPreview({ request, plainPrompt }: BriefPromptPreviewProps) {
  const [open, setOpen] = useState(false);
  // Rendering is asked for only while someone looks at it.
  const rendered = useRenderedPrompt(open ? request : null);
  const text = request === null ? plainPrompt : (rendered.prompt ?? 'Rendering…');

  return (
    <details data-testid="brief-preview" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="field-label">Prompt preview</summary>
      <div className="field">
        {request === null && (
          <span className="field-hint">No brief filled in: the agent gets the prompt exactly as typed.</span>
        )}
        {request !== null && rendered.error ? (
          <InlineError error={rendered.error} testId="brief-preview-error" />
        ) : (
          <textarea
            className="text-input mono"
            data-testid="brief-preview-text"
            aria-label="Prompt preview"
            readOnly
            rows={12}
            value={text}
          />
        )}
      </div>
    </details>
  );
}
