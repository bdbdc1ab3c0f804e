import type { enTitles } from '../en/titles';

export const esTitles: typeof enTitles = {};
