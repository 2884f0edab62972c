// An SMTP server on 127.0.0.1 for browser tests: the server under test sends its mails here
// and the test reads them, decoded, to follow a confirmation or reset link.
//
//   const sink = await startSmtpSink();   // { port, url, mails, waitForMail(), rejectRecipients(), stop() }
//   ... BOUSSOLE_SMTP_URL=sink.url ...
//   const mail = await sink.waitForMail((m) => m.to.includes('jeanne@mairie.example'));
//   mail.subject, mail.text                 // decoded (RFC 2047, quoted-printable)
//   after(() => sink.stop());
//
// Speaks what libcurl needs of RFC 5321: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
// The decoding is written apart from src/mail so that it checks the C++ encoder.
import net from 'node:net';

const MAX_COMMAND_LINE = 4096;

// Bytes are handled as latin1 strings (one char per byte) until the end, so that a UTF-8
// character split across encoded-words or soft line breaks is joined before decoding.
const utf8 = (bytes) => Buffer.from(bytes, 'latin1').toString('utf8');

function decodeQ(payload) {
  return payload.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/;

// RFC 2047: encoded-words decoded, white space between two adjacent ones dropped.
export function decodeEncodedWords(value) {
  const adjacent = new RegExp(`(${ENCODED_WORD.source})\\s+(?=${ENCODED_WORD.source})`, 'g');
  const joined = value.replace(adjacent, '$1');
  const bytes = joined.replace(new RegExp(ENCODED_WORD.source, 'g'), (_, charset, encoding, payload) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(payload, 'base64').toString('latin1') : decodeQ(payload));
  return utf8(bytes);
}

// RFC 2045 quoted-printable body (CRLF lines) to text with "\n" line ends.
export function decodeQuotedPrintable(body) {
  let out = '';
  const lines = body.split('\r\n');
  lines.forEach((raw, index) => {
    const last = index === lines.length - 1;
    let line = raw.replace(/[ \t]+$/, '');
    const soft = line.endsWith('=');
    if (soft) line = line.slice(0, -1);
    out += line.replace(/=([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    if (!soft && !last) out += '\n';
  });
  return utf8(out);
}

// Header `name` (case-insensitive) of a raw message, unfolded, not decoded; '' when absent.
export function findHeader(raw, name) {
  const end = raw.indexOf('\r\n\r\n');
  const head = (end < 0 ? raw : raw.slice(0, end)).replace(/\r\n(?=[ \t])/g, '');
  const wanted = name.toLowerCase();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).toLowerCase() === wanted) return line.slice(colon + 1).trim();
  }
  return '';
}

function parseMail(envelope, data) {
  const end = data.indexOf('\r\n\r\n');
  const body = end < 0 ? '' : data.slice(end + 4);
  const encoding = findHeader(data, 'Content-Transfer-Encoding').toLowerCase();
  return {
    from: envelope.from,
    to: envelope.to,
    data: utf8(data),
    subject: decodeEncodedWords(findHeader(data, 'Subject')),
    text: encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : utf8(body.replace(/\r\n/g, '\n')),
    header: (name) => utf8(findHeader(data, name)),
  };
}

export async function startSmtpSink({ maxMessageSize = 1 << 20 } = {}) {
  const mails = [];
  const waiters = new Set();
  const sockets = new Set();
  let rejecting = false;

  const deliver = (mail) => {
    mails.push(mail);
    for (const waiter of [...waiters]) waiter(mail);
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setEncoding('latin1');
    const reply = (text) => { if (!socket.destroyed) socket.write(text, 'latin1'); };

    let input = '';
    let inData = false;
    let tooLarge = false;
    let envelope = null;
    let data = '';
    const reset = () => { envelope = null; data = ''; tooLarge = false; };

    const command = (line) => {
      const upper = line.toUpperCase();
      const verb = upper.split(' ')[0];
      const path = (rest) => /^\s*<([^>]*)>(.*)$/.exec(rest);
      if (verb === 'EHLO') {
        reply(`250-127.0.0.1 Boussole test sink\r\n250-SIZE ${maxMessageSize}\r\n250 HELP\r\n`);
      } else if (verb === 'HELO') {
        reply('250 127.0.0.1 Boussole test sink\r\n');
      } else if (upper.startsWith('MAIL FROM:')) {
        const match = path(line.slice(10));
        if (!match) return reply('501 5.5.4 Syntax: MAIL FROM:<address>\r\n');
        reset();
        const size = /SIZE=(\d+)/i.exec(match[2]);
        if (size && Number(size[1]) > maxMessageSize) return reply('552 5.3.4 Message size exceeds fixed limit\r\n');
        envelope = { from: match[1], to: [] };
        reply('250 2.1.0 Ok\r\n');
      } else if (upper.startsWith('RCPT TO:')) {
        if (!envelope) return reply('503 5.5.1 Need MAIL first\r\n');
        const match = path(line.slice(8));
        if (!match) return reply('501 5.5.4 Syntax: RCPT TO:<address>\r\n');
        if (rejecting) return reply('550 5.1.1 Recipient rejected by the test sink\r\n');
        envelope.to.push(match[1]);
        reply('250 2.1.5 Ok\r\n');
      } else if (verb === 'DATA') {
        if (!envelope || envelope.to.length === 0) return reply('503 5.5.1 Need RCPT first\r\n');
        inData = true;
        reply('354 End data with <CR><LF>.<CR><LF>\r\n');
      } else if (verb === 'RSET') {
        reset();
        reply('250 2.0.0 Ok\r\n');
      } else if (verb === 'NOOP') {
        reply('250 2.0.0 Ok\r\n');
      } else if (verb === 'QUIT') {
        reply('221 2.0.0 Bye\r\n');
        socket.end();
      } else {
        reply('502 5.5.2 Command not implemented\r\n');
      }
    };

    const dataLine = (line) => {
      if (line === '.') {
        inData = false;
        if (tooLarge) {
          reply('552 5.3.4 Message size exceeds fixed limit\r\n');
        } else {
          deliver(parseMail(envelope, data));
          reply('250 2.0.0 Ok: queued\r\n');
        }
        reset();
        return;
      }
      const unstuffed = line.startsWith('.') ? line.slice(1) : line;  // RFC 5321 §4.5.2
      if (tooLarge) return;
      if (data.length + unstuffed.length + 2 > maxMessageSize) {
        tooLarge = true;
        data = '';
        return;
      }
      data += `${unstuffed}\r\n`;
    };

    reply('220 127.0.0.1 ESMTP Boussole test sink\r\n');
    socket.on('data', (chunk) => {
      input += chunk;
      let end;
      while (!socket.destroyed && (end = input.indexOf('\r\n')) >= 0) {
        const line = input.slice(0, end);
        input = input.slice(end + 2);
        if (inData) dataLine(line); else command(line);
      }
      if (inData && input.length > maxMessageSize) {
        tooLarge = true;
        data = '';
        input = input.slice(-1);
      } else if (!inData && input.length > MAX_COMMAND_LINE) {
        reply('500 5.5.2 Line too long\r\n');
        socket.end();
      }
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    rejectRecipients(reject = true) { rejecting = reject; },
    // The first mail (already received or to come) that satisfies `predicate`.
    waitForMail(predicate = () => true, timeoutMs = 10_000) {
      const found = mails.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = (mail) => {
          if (!predicate(mail)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = mails.map((m) => `« ${m.subject} » → ${m.to.join(', ')}`).join('; ') || 'aucun';
          reject(new Error(`no matching mail within ${timeoutMs} ms (received: ${seen})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
