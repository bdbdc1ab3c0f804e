/** Email subjects, bodies and digest texts (i18next interpolation: {{name}}). Filled by the email work. */
export const enEmail: Record<string, string> = {};
