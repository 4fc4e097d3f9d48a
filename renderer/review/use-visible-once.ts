import { type RefObject, useEffect, useState } from 'react';

interface SharedObserver {
  readonly observer: IntersectionObserver;
  readonly callbacks: Map<Element, () => void>;
}

/** One observer per scroll container for all its file blocks (hundreds of them), not one each. */
const observers = new WeakMap<Element, SharedObserver>();

function sharedObserver(root: Element): SharedObserver {
  let shared = observers.get(root);
  if (!shared) {
    const callbacks = new Map<Element, () => void>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) if (entry.isIntersecting) callbacks.get(entry.target)?.();
      },
      // Start well before a block scrolls into view (two screens), so it is ready when it arrives
      // and a fast scroll rarely carries it past the zone between two frames.
      { root, rootMargin: '1200px 0px' },
    );
    shared = { observer, callbacks };
    observers.set(root, shared);
  }
  return shared;
}

/**
 * True once the element has come near the visible part of its scroll container (`rootSelector`);
 * from the start when it is `known` to be there (the first files of a list opened at its top).
 */
export function useVisibleOnce(ref: RefObject<HTMLElement | null>, rootSelector: string, known = false): boolean {
  const [visible, setVisible] = useState(known);
  useEffect(() => {
    const element = ref.current;
    if (!element || visible) return;
    const root = element.closest(rootSelector);
    if (!root) {
      setVisible(true);
      return;
    }
    const { observer, callbacks } = sharedObserver(root);
    const forget = () => {
      callbacks.delete(element);
      observer.unobserve(element);
    };
    callbacks.set(element, () => {
      forget();
      setVisible(true);
    });
    observer.observe(element);
    return forget;
  }, [ref, rootSelector, visible]);
  return visible;
}
