import { type ReactNode, useRef, useState } from 'react';
import { readPreference, writePreference } from '../state/local-preference';

interface ResizableColumnProps {
  /** Where the width is remembered (localStorage, via local-preference). */
  preferenceKey: string;
  defaultWidth: number;
  minWidth: number;
  maxWidth: number;
  className: string;
  label: string;
  testId: string;
  children: ReactNode;
}

function clamp(width: number, min: number, max: number): number {
  return Math.round(Math.max(min, Math.min(max, width)));
}

/**
 * A column with a drag handle on its right edge (arrow keys move it too, for the keyboard); the
 * width it is left at is remembered for the next time.
 */
export function ResizableColumn({
  preferenceKey,
  defaultWidth,
  minWidth,
  maxWidth,
  className,
  label,
  testId,
  children,
}: ResizableColumnProps) {
  const [width, setWidth] = useState(() => {
    const saved = Number(readPreference(preferenceKey));
    return Number.isFinite(saved) && saved > 0 ? clamp(saved, minWidth, maxWidth) : defaultWidth;
  });
  const drag = useRef<{ x: number; width: number } | null>(null);
  const widthNow = useRef(width);
  widthNow.current = width;
  const resize = (next: number, remember: boolean) => {
    const clamped = clamp(next, minWidth, maxWidth);
    setWidth(clamped);
    if (remember) writePreference(preferenceKey, String(clamped));
  };
  return (
    <>
      <div className={className} data-testid={testId} style={{ width }}>
        {children}
      </div>
      <div
        className="column-handle"
        role="separator"
        aria-orientation="vertical"
        aria-label={label}
        aria-valuenow={width}
        aria-valuemin={minWidth}
        aria-valuemax={maxWidth}
        tabIndex={0}
        data-testid={`${testId}-handle`}
        onPointerDown={(event) => {
          event.preventDefault();
          event.currentTarget.setPointerCapture(event.pointerId);
          drag.current = { x: event.clientX, width: widthNow.current };
        }}
        onPointerMove={(event) => {
          if (drag.current) resize(drag.current.width + event.clientX - drag.current.x, false);
        }}
        onPointerUp={(event) => {
          if (!drag.current) return;
          resize(drag.current.width + event.clientX - drag.current.x, true);
          drag.current = null;
        }}
        onPointerCancel={() => {
          drag.current = null;
          writePreference(preferenceKey, String(widthNow.current));
        }}
        onKeyDown={(event) => {
          const step = event.shiftKey ? 48 : 16;
          if (event.key === 'ArrowLeft') resize(widthNow.current - step, true);
          else if (event.key === 'ArrowRight') resize(widthNow.current + step, true);
          else return;
          event.preventDefault();
        }}
      />
    </>
  );
}
