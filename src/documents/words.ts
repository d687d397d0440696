// What the composing functions share: the words (prompts/documents.yaml, through the project's
// Prompts, given as a function so this folder stays free of the bot), dates as a document prints
// them, and a composed document turned into its file.

import type { DocumentFile, OfficialDocument } from './model.js';
import { renderDocument } from './render.js';

/** Renders one template of prompts/ with its fields (Prompts.render). */
export type Words = (key: string, fields?: Record<string, string | number>) => string;

/** A document composed from its facts: the model, its file name, and what the chat calls it (督办通知书). */
export interface Composed {
  label: string;
  name: string;
  doc: OfficialDocument;
}

/** 2026-11-10 → 2026年11月10日 (Arabic numerals, no leading zeros: GB/T 9704 7.3.5.1). */
export function dateText(t: Words, civil: string): string {
  const [year, month, day] = civil.split('-').map(Number);
  return t('document.date', { year: year!, month: month!, day: day! });
}

/** A rate as the tables print it: 66.7%, or — when nothing was counted. */
export function rateOf(t: Words, rate: number | null): string {
  return rate === null ? t('document.rate_none') : t('document.rate', { rate });
}

/** The composed document's file, ready to attach or write. */
export async function fileOf(c: Composed): Promise<DocumentFile & { label: string }> {
  return { label: c.label, name: c.name, bytes: await renderDocument(c.doc) };
}
