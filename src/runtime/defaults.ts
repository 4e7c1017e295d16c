/** Where a server listens unless told otherwise: `kinema serve`, `kinema start` and startServer share these. */
export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
