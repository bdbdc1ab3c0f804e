import type { enEmail } from '../en/email';

export const frEmail: typeof enEmail = {};
