import type { enEmail } from '../en/email';

export const esEmail: typeof enEmail = {};
