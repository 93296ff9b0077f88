/**
 * Calls a running browser-mode server's API from Node, as the page does: the
 * per-run token taken from the address it printed. Used by the benchmark and
 * the end-to-end tests; the app itself never calls it.
 */
export async function callBrowserServer(url: string, op: string, input: unknown = {}): Promise<unknown> {
  const u = new URL(url);
  const res = await fetch(`${u.origin}/api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-parley-token': u.searchParams.get('token')! },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${op} failed: ${body.error?.message}`);
  return body.value;
}
