import { NotFoundError } from './domain-error';

/**
 * Loads what a resource hangs on (its group, its meeting, its channel) and answers a 404 that names the
 * resource the caller asked for: "Meeting was not found", not "Working group was not found", so a hidden
 * group is never revealed through one of its children. Any other error passes through unchanged.
 */
export async function notFoundAs<T>(resource: string, load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(resource);
    throw error;
  }
}
