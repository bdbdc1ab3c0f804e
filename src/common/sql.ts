/** Escapes LIKE/ILIKE wildcards so user text matches literally (`50%_off` finds "50%_off", not everything). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
