/**
 * A start-up failure whose message is the whole story for the operator: one line naming the cause and the fix.
 * main.ts and the scripts print it as is, without a stack trace.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** One line for any start-up failure: known causes get their fix, anything else at least a message. */
export function describeStartupFailure(
  error: unknown,
  context: { port?: number; host?: string } = {},
): string {
  if (error instanceof StartupError) return error.message;
  const err = error as NodeJS.ErrnoException | undefined;
  if (err?.code === 'EADDRINUSE' && err.syscall === 'listen') {
    return `port ${context.port ?? '?'} on ${context.host ?? 'this host'} is in use by another process; stop it or set PORT to a free port`;
  }
  if (err?.code === 'EACCES' && err.syscall === 'listen') {
    return `port ${context.port ?? '?'} needs privileges this process lacks; set PORT to 1024 or above`;
  }
  if (err?.code === 'EADDRNOTAVAIL' && err.syscall === 'listen') {
    return `HOST ${context.host ?? '?'} is not an address of this machine; set HOST (e.g. 127.0.0.1 or 0.0.0.0)`;
  }
  if (err?.path && ['EACCES', 'EPERM', 'EROFS'].includes(err.code ?? '')) {
    return `cannot write ${err.path} (${err.code}); make it writable or choose another DATA_DIR`;
  }
  if (err?.path && err.code === 'ENOSPC')
    return `no space left for ${err.path}; free some or choose another DATA_DIR`;
  if (error instanceof Error) return (error.message || error.name).split('\n')[0];
  if (error === undefined) return 'unknown error (no details were given)';
  return (typeof error === 'string' ? error : JSON.stringify(error)).split('\n')[0];
}
