import type { enTitles } from '../en/titles';

export const frTitles: typeof enTitles = {};
