import type { ErrorCode } from '../../../shared/errors';

export interface ErrorWords {
  /** what happened, in a few words */
  title: string;
  /** what to do about it */
  hint: string;
}

/**
 * The one place that turns error codes into words (Mailspring keeps this in one file too), so the
 * same failure reads the same in the status bar, a dialog and a form.
 */
const WORDS: Record<ErrorCode, ErrorWords> = {
  EAUTH: { title: 'Sign-in refused', hint: 'Check the user name and password, then try again.' },
  ECONNECTION: { title: 'Could not connect', hint: 'Check the host name and port, and that the server is running and reachable.' },
  ETIMEDOUT: { title: 'No answer in time', hint: 'The server or network is slow or down; try again later or raise the timeout.' },
  ETLS: { title: 'Secure connection failed', hint: 'The TLS handshake failed; check the port and whether the server expects TLS or STARTTLS.' },
  ECERT: { title: 'Certificate not trusted', hint: 'Compare the fingerprint with the one the server owner gives you before trusting it.' },
  EPROTOCOL: { title: 'The server broke the protocol', hint: 'The server answered something unexpected; the Wire view shows the exchange.' },
  ENOTFOUND: { title: 'Not found', hint: 'The host, file, folder or message does not exist (any more).' },
  EEXIST: { title: 'Already exists', hint: 'Choose another name, or remove the existing item first.' },
  ECANCELLED: { title: 'Cancelled', hint: 'The action was stopped before it finished.' },
  EINVALID: { title: 'Invalid input', hint: 'Check the values you entered.' },
  ELIMIT: { title: 'Limit reached', hint: 'A size or count limit was hit; the detail says which.' },
  EIO: { title: 'File system error', hint: 'Check that the file or folder exists and that you may write there, and the free disk space.' },
  EINTERNAL: { title: 'Something went wrong inside Porthole', hint: 'This is a bug; the log file has the details.' },
};

const UNKNOWN: ErrorWords = { title: 'Unexpected error', hint: 'The log file has the details.' };

/** `errorText('EAUTH').title` → "Sign-in refused"; unknown codes get a generic text. */
export function errorText(code: string): ErrorWords {
  return Object.hasOwn(WORDS, code) ? WORDS[code as ErrorCode] : UNKNOWN;
}
