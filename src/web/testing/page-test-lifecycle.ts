// Test-only (imported by *.test.tsx): the lifecycle every jsdom page test shares.
import { act, cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { i18n } from '../app/i18n.ts';

/**
 * Each test starts on a clean page in English with no stored session state, and its fake of the
 * HTTP API is removed after it. The suite shares two cores with the database tests: allow slow
 * renders (a first lazy page compiles while both cores are busy: seconds).
 */
export function usePageTestLifecycle(): void {
  configure({ asyncUtilTimeout: 10_000 });
  beforeEach(async () => {
    localStorage.clear();
    await act(() => i18n.changeLanguage('en'));
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });
}
