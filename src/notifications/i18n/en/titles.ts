/** In-app titles by notification kind (i18next interpolation: {{name}}). Filled by the in-app work. */
export const enTitles: Record<string, string> = {};
