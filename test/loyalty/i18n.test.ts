import { describe, expect, it } from 'vitest';
import { ENGLISH_LABELS, TRANSLATIONS, fill, labelsFor, localeOf, withFallback } from '../../src/trueplay/loyalty/i18n.js';
import { LOYALTY_LANGUAGES } from '../../src/trueplay/loyalty/session.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const englishKeys = Object.keys(ENGLISH_LABELS).sort();

describe('loyalty page labels', () => {
  it('has a dictionary for each of the 15 other languages of the reference', () => {
    expect(Object.keys(TRANSLATIONS).sort()).toEqual(LOYALTY_LANGUAGES.filter((l) => l !== 'EN').sort());
  });

  it.each(Object.entries(TRANSLATIONS))('%s translates every English label and keeps its placeholders', (_lang, labels) => {
    expect(Object.keys(labels).sort()).toEqual(englishKeys);
    for (const key of englishKeys) {
      const text = labels[key as keyof typeof labels]!;
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(ENGLISH_LABELS[key as keyof typeof ENGLISH_LABELS]));
    }
    // The labels a player reads first are really in the language, not English left in place.
    for (const key of ['title', 'balance', 'buyTitle', 'withdrawTitle', 'history'] as const) {
      expect(labels[key], key).not.toBe(ENGLISH_LABELS[key]);
    }
  });

  it('falls back to English per key for anything a language leaves out', () => {
    const labels = withFallback({ title: 'Věrnostní program', history: '' });
    expect(labels.title).toBe('Věrnostní program');
    expect(labels.history).toBe('History'); // empty counts as missing
    expect(labels.withdrawButton).toBe('Withdraw tokens');
    expect(Object.keys(labels).sort()).toEqual(englishKeys);
  });

  it('ignores keys English does not define', () => {
    const labels = withFallback({ title: 'X', ...({ bogus: 'Y' } as object) });
    expect(labels).not.toHaveProperty('bogus');
  });

  it('answers English for EN and for a language it does not know, and reads codes in any case', () => {
    expect(labelsFor('EN')).toEqual(ENGLISH_LABELS);
    expect(labelsFor('XX')).toEqual(ENGLISH_LABELS);
    expect(labelsFor('de').title).toBe('Treueprogramm');
    expect(localeOf('JA')).toBe('ja');
    expect(localeOf('XX')).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('New token balance: {balance}', { balance: '300' })).toBe('New token balance: 300');
    expect(fill('{amount} and {other}', { amount: '$1.00' })).toBe('$1.00 and {other}');
  });
});
