/** A real SMTP server for tests (the smtp-server package) that keeps every message it is sent. */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface MailServer {
  url: string;
  mails: ReceivedMail[];
  /** The password of every AUTH attempt, to show the credentials really were sent. */
  authPasswords: string[];
  close(): Promise<void>;
}

/** A real SMTP server on loopback that keeps every message; `rejectAuth` refuses every login. */
export async function startMailServer(options: { rejectAuth?: boolean } = {}): Promise<MailServer> {
  const mails: ReceivedMail[] = [];
  const authPasswords: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      authPasswords.push(auth.password ?? '');
      if (options.rejectAuth) return callback(new Error('Invalid username or password'));
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const address = (a: SMTPServerAddress | false) => (a ? a.address : '');
        simpleParser(raw).then(
          (parsed) => {
            mails.push({ from: address(session.envelope.mailFrom), to: session.envelope.rcptTo.map(address), parsed, raw });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    authPasswords,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
