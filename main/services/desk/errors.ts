/**
 * Why the desk could not be reached, in words that say what to do: the Desk
 * dialog and the status line show these instead of the driver's codes
 * (ECONNREFUSED, 28P01, a TLS verification code).
 */
interface Where {
  host: string;
  port: number;
  database: string;
  user: string;
}

const CA_MISMATCH = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);

export function deskErrorText(err: unknown, w: Where): string {
  const { code, message = String(err) } = (err ?? {}) as { code?: string; message?: string };
  const at = `${w.host}:${w.port}`;
  if (code === 'ECONNREFUSED')
    return `Nothing answers at ${at}: check the host and port, or ask the desk’s IT whether its server is running.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `There is no host named ${w.host} (or no network to look it up): check the name.`;
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return `${at} cannot be reached from here (no network, or a firewall between).`;
  if (code === 'ECONNRESET' || code === 'EPIPE' || /Connection terminated/i.test(message))
    return `The connection to the desk at ${at} was cut; Parley tries again in a few seconds.`;
  if (code === '28P01') return `The desk refused the password for ${w.user}: type it again, or ask the desk’s IT to set it.`;
  if (/role "[^"]*" does not exist/.test(message))
    return `The desk’s server has no user “${w.user}”: check the name, or ask the desk’s IT to add you (desk init --analyst ${w.user}).`;
  if (code === '28000') return `The desk does not let ${w.user} in from this machine: ask the desk’s IT (pg_hba.conf).`;
  if (code === '3D000') return `The desk’s server has no database “${w.database}”: check its name.`;
  if (code && CA_MISMATCH.has(code))
    return `The desk’s certificate is not signed by the CA file you chose: ask the desk’s IT for the desk’s CA file.`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return `The desk’s certificate is not for “${w.host}”: use the host name the certificate names (ask the desk’s IT).`;
  if (code === 'CERT_HAS_EXPIRED') return 'The desk’s certificate has expired: ask the desk’s IT to renew it.';
  if (/does not support SSL/i.test(message))
    return `The desk at ${at} does not offer TLS, and Parley sends a password to another machine only over TLS: ask the desk’s IT to turn ssl on.`;
  if (/client password must be a string|password authentication/i.test(message))
    return `The desk asks for ${w.user}’s password: type it in the Desk dialog.`;
  if (/timeout/i.test(message)) return `${at} did not answer in time: check the host and port, or the network.`;
  return `The desk could not be reached: ${message}`;
}
