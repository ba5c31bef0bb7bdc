import { type ReactNode, createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Blocker, useBlocker } from 'react-router';

/**
 * Leaving a form with unsaved changes asks first. Every form reports whether it is dirty
 * (useUnsavedChangesGuard); one boundary in the layout holds the router's one blocker (a router
 * supports one at a time, and a page may hold several forms), asks in an accessible dialog (Stay /
 * Leave) before going to another page, and lets the browser ask before closing or reloading.
 */
interface Registry { set(id: string, dirty: boolean): void }
const UnsavedContext = createContext<Registry | null>(null);

export function UnsavedChangesBoundary({ children }: { children: ReactNode }) {
  const dirty = useRef(new Set<string>());
  const [count, setCount] = useState(0);
  const registry = useMemo<Registry>(() => ({
    set(id, isDirty) {
      if (isDirty) dirty.current.add(id);
      else dirty.current.delete(id);
      setCount(dirty.current.size);
    },
  }), []);
  // Another page only: a query string or a section's hash on the same page keeps the form.
  const blocker = useBlocker(useCallback(({ currentLocation, nextLocation }) =>
    dirty.current.size > 0 && currentLocation.pathname !== nextLocation.pathname, []));
  useEffect(() => {
    if (count === 0) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [count]);
  return (
    <UnsavedContext.Provider value={registry}>
      {children}
      {blocker.state === 'blocked' && <LeaveDialog blocker={blocker} />}
    </UnsavedContext.Provider>
  );
}

/**
 * Reports a form's unsaved changes to the boundary. Call `release()` right before navigating away
 * after a successful save (the form is still dirty then): that navigation is not asked about.
 */
export function useUnsavedChangesGuard(isDirty: boolean): { release: () => void } {
  const registry = useContext(UnsavedContext);
  const id = useId();
  const released = useRef(false);
  useEffect(() => {
    if (!isDirty) released.current = false;
    registry?.set(id, isDirty && !released.current);
  }, [registry, id, isDirty]);
  useEffect(() => () => registry?.set(id, false), [registry, id]);
  return useMemo(() => ({
    release: () => {
      released.current = true;
      registry?.set(id, false);
    },
  }), [registry, id]);
}

/** A modal dialog (native <dialog>): focus on Stay, Escape stays, focus returns where it was. */
function LeaveDialog({ blocker }: { blocker: Blocker }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement as HTMLElement | null;
    if (dialog && typeof dialog.showModal === 'function' && !dialog.open) dialog.showModal();
    else dialog?.setAttribute('open', '');
    stay.current?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <dialog ref={ref} className="app-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} data-testid="unsaved-dialog"
      onCancel={(e) => { e.preventDefault(); blocker.reset?.(); }}>
      <h2 id={`${id}-title`}>{t('forms.unsaved.title')}</h2>
      <p id={`${id}-body`}>{t('forms.unsaved.body')}</p>
      <div className="dialog-actions">
        <button type="button" ref={stay} onClick={() => blocker.reset?.()} data-testid="unsaved-stay">{t('forms.unsaved.stay')}</button>
        <button type="button" className="button-danger" onClick={() => blocker.proceed?.()} data-testid="unsaved-leave">{t('forms.unsaved.leave')}</button>
      </div>
    </dialog>
  );
}
