// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { formatDateText, parseDateText, parseTimeText } from './date-text.ts';
import { DateField, DateTimeField } from './DateInput.tsx';
import { i18n } from './i18n.ts';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

usePageTestLifecycle();

describe('dates as the language writes them', () => {
  it('writes an ISO day in the language’s order and separators', () => {
    expect(formatDateText('2026-12-07', 'sq')).toBe('07.12.2026');
    expect(formatDateText('2026-12-07', 'bg')).toBe('07.12.2026');
    expect(formatDateText('2026-12-07', 'en')).toBe('07/12/2026');
    expect(formatDateText('', 'en')).toBe('');
  });
  it('reads day, month and year with any separator, or ISO, and refuses what is not a day', () => {
    expect(parseDateText('7.12.2026')).toBe('2026-12-07');
    expect(parseDateText('07/12/2026')).toBe('2026-12-07');
    expect(parseDateText('7-12-2026')).toBe('2026-12-07');
    expect(parseDateText('07.12.2026 г.')).toBe('2026-12-07');
    expect(parseDateText('2026-12-07')).toBe('2026-12-07');
    expect(parseDateText('29.02.2028')).toBe('2028-02-29');
    for (const bad of ['29.02.2027', '31.04.2026', '12/31/2026', '7.12.26', 'tomorrow', '']) expect(parseDateText(bad), bad).toBeNull();
  });
  it('reads a time on the 24-hour clock', () => {
    expect(parseTimeText('9:05')).toBe('09:05');
    expect(parseTimeText('0905')).toBe('09:05');
    expect(parseTimeText('23.59')).toBe('23:59');
    for (const bad of ['24:00', '9:60', '9pm', '']) expect(parseTimeText(bad), bad).toBeNull();
  });
});

function Harness({ onValues }: { onValues: (v: { day: string; at: string }) => void }) {
  const { control, handleSubmit, reset } = useForm({ defaultValues: { day: '2026-11-20', at: '2026-11-18T09:00' } });
  return (
    <form onSubmit={handleSubmit(onValues)}>
      <DateField id="day" label="Due" control={control} name="day" />
      <DateTimeField id="at" label="Held" control={control} name="at" />
      <button type="button" onClick={() => reset({ day: '2027-01-02', at: '' })}>reset</button>
      <button type="submit">send</button>
    </form>
  );
}

describe('date inputs of a form', () => {
  it('show the form’s ISO values in the language’s form and hand on ISO whatever is typed', async () => {
    await act(() => i18n.changeLanguage('bg'));
    let values: { day: string; at: string } | null = null;
    render(<Harness onValues={(v) => { values = v; }} />);
    const day = screen.getByLabelText('Due') as HTMLInputElement;
    expect(day.value).toBe('20.11.2026');
    expect((screen.getByLabelText('Held') as HTMLInputElement).value).toBe('18.11.2026');
    expect((document.getElementById('at-time') as HTMLInputElement).value).toBe('09:00');
    fireEvent.change(day, { target: { value: '1.2.2027' } });
    fireEvent.blur(day);
    expect(day.value).toBe('01.02.2027');
    fireEvent.change(document.getElementById('at-time')!, { target: { value: '1430' } });
    fireEvent.click(screen.getByText('send'));
    await waitFor(() => expect(values).toEqual({ day: '2027-02-01', at: '2026-11-18T14:30' }));
  });

  it('take a pasted ISO time into both boxes, follow a reset, and pass on what is not a day for validation to name', async () => {
    let values: { day: string; at: string } | null = null;
    render(<Harness onValues={(v) => { values = v; }} />);
    const at = screen.getByLabelText('Held') as HTMLInputElement;
    fireEvent.change(at, { target: { value: '2026-12-24T18:45' } });
    await waitFor(() => expect(at.value).toBe('24/12/2026'));
    expect((document.getElementById('at-time') as HTMLInputElement).value).toBe('18:45');
    fireEvent.change(screen.getByLabelText('Due'), { target: { value: '31/02/2026' } });
    fireEvent.click(screen.getByText('send'));
    await waitFor(() => expect(values).toEqual({ day: '31/02/2026', at: '2026-12-24T18:45' }));
    fireEvent.click(screen.getByText('reset'));
    await waitFor(() => expect((screen.getByLabelText('Due') as HTMLInputElement).value).toBe('02/01/2027'));
    expect(at.value).toBe('');
  });

  it('offers a calendar in the reader’s language that fills the day', async () => {
    await act(() => i18n.changeLanguage('sq'));
    render(<Harness onValues={() => {}} />);
    fireEvent.click(screen.getAllByRole('button', { name: 'Zgjidhni në kalendar' })[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Kalendari' });
    expect(dialog.textContent).toMatch(/nëntor/i);
    fireEvent.click(screen.getByRole('button', { name: /nëntor 25/i }));
    await waitFor(() => expect((screen.getByLabelText('Due') as HTMLInputElement).value).toBe('25.11.2026'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
