/** Short pages for errors and geo blocks: no stack traces, just what happened and where to go. */
import { Layout } from './layout.tsx';

export function ErrorPage({ status, message }: { status: number; message: string }) {
  return (
    <Layout title={status === 404 ? 'Not found' : 'Error'}>
      <section class="status">
        <h1>{status === 404 ? 'Not found' : status === 429 ? 'Slow down' : 'Something went wrong'}</h1>
        <p>{message}</p>
        <p>
          <a href="/">Back to the home page</a>
        </p>
      </section>
    </Layout>
  );
}

export function BlockedPage({ country }: { country: string | undefined }) {
  return (
    <Layout title="Unavailable in your region">
      <section class="status">
        <h1>Unavailable in your region</h1>
        <p>
          kinema is not offered {country ? `in your country (${country})` : 'where you are'} for legal reasons
          (HTTP 451).
        </p>
      </section>
    </Layout>
  );
}
