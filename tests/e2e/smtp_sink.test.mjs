// The browser tests' SMTP sink (support/smtp_sink.mjs), driven by a raw SMTP client: the
// protocol libcurl speaks, dot-unstuffing, and the decoding the journeys rely on.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';

import { decodeEncodedWords, decodeQuotedPrintable, startSmtpSink } from './support/smtp_sink.mjs';

let sink;
before(async () => { sink = await startSmtpSink({ maxMessageSize: 4096 }); });
after(async () => { await sink?.stop(); });

// A client that sends lines and reads one complete reply (multi-line replies included).
async function connect(port) {
  const socket = net.connect(port, '127.0.0.1');
  socket.setEncoding('latin1');
  let buffer = '';
  let wake = null;
  socket.on('data', (chunk) => { buffer += chunk; wake?.(); });
  socket.on('close', () => wake?.());
  const reply = async () => {
    for (;;) {
      const match = /^(?:\d{3}-[^\r]*\r\n)*(\d{3}) [^\r]*\r\n/.exec(buffer);
      if (match) {
        buffer = buffer.slice(match[0].length);
        return Number(match[1]);
      }
      if (socket.destroyed) return -1;
      await new Promise((resolve) => { wake = resolve; });
    }
  };
  const send = (text) => socket.write(text, 'latin1');
  const command = async (line) => { send(`${line}\r\n`); return reply(); };
  return { reply, send, command, close: () => socket.destroy() };
}

// UTF-8 text as the latin1 byte string a socket in 'latin1' carries.
const bytes = (text) => Buffer.from(text, 'utf8').toString('latin1');

test('receives a mail and decodes subject and text', async () => {
  const client = await connect(sink.port);
  assert.equal(await client.reply(), 220);
  assert.equal(await client.command('EHLO client.test'), 250);
  assert.equal(await client.command('MAIL FROM:<ne-pas-repondre@boussole.test> SIZE=300'), 250);
  assert.equal(await client.command('RCPT TO:<jeanne.martin@mairie.example>'), 250);
  assert.equal(await client.command('DATA'), 354);
  client.send(
    'From: ne-pas-repondre@boussole.test\r\n'
    + 'Subject: =?UTF-8?Q?Confirmez_votre_adresse_=C3=A9lec?=\r\n =?UTF-8?B?dHJvbmlxdWU=?=\r\n'
    + 'Content-Type: text/plain; charset=UTF-8\r\n'
    + 'Content-Transfer-Encoding: quoted-printable\r\n\r\n'
    + 'Bonjour,\r\n..\r\n...suite\r\nhttps://boussole.example/compte/confirmer?jeton=3Dab=\r\ncd=3D=3D\r\n'
    + 'Vous =C3=AAtes pr=C3=\r\n=AAte =20\r\n.\r\n');
  assert.equal(await client.reply(), 250);
  assert.equal(await client.command('QUIT'), 221);
  client.close();

  const mail = await sink.waitForMail((m) => m.to.includes('jeanne.martin@mairie.example'), 2000);
  assert.equal(mail.from, 'ne-pas-repondre@boussole.test');
  assert.deepEqual(mail.to, ['jeanne.martin@mairie.example']);
  assert.equal(mail.subject, 'Confirmez votre adresse électronique');
  assert.equal(mail.text,
    'Bonjour,\n.\n..suite\nhttps://boussole.example/compte/confirmer?jeton=abcd==\nVous êtes prête  \n');
  assert.equal(mail.header('Content-Type'), 'text/plain; charset=UTF-8');
  assert.match(mail.data, /^From: /);
});

test('waitForMail also waits for mails still to come, and gives up', async () => {
  const pending = sink.waitForMail((m) => m.subject === 'plus tard', 5000);
  const client = await connect(sink.port);
  await client.reply();
  await client.command('HELO client.test');
  await client.command('MAIL FROM:<a@boussole.test>');
  await client.command('RCPT TO:<b@mairie.example>');
  await client.command('DATA');
  client.send(`Subject: plus tard\r\n\r\n${bytes('Texte brut, accentué')}\r\n.\r\n`);
  assert.equal(await client.reply(), 250);
  client.close();
  const mail = await pending;
  assert.equal(mail.text, 'Texte brut, accentué\n');

  await assert.rejects(sink.waitForMail((m) => m.subject === 'jamais', 50), /no matching mail within 50 ms/);
});

test('refuses out-of-order commands, oversized messages and, when asked, recipients', async () => {
  const client = await connect(sink.port);
  await client.reply();
  assert.equal(await client.command('EHLO client.test'), 250);
  assert.equal(await client.command('RCPT TO:<b@mairie.example>'), 503);
  assert.equal(await client.command('DATA'), 503);
  assert.equal(await client.command('VRFY b'), 502);
  assert.equal(await client.command('MAIL FROM:<a@boussole.test> SIZE=999999'), 552);
  assert.equal(await client.command('MAIL FROM:<a@boussole.test>'), 250);
  assert.equal(await client.command('RCPT TO:<b@mairie.example>'), 250);
  assert.equal(await client.command('DATA'), 354);
  client.send(`Subject: trop long\r\n\r\n${'x'.repeat(5000)}\r\n.\r\n`);
  assert.equal(await client.reply(), 552);

  sink.rejectRecipients(true);
  assert.equal(await client.command('MAIL FROM:<a@boussole.test>'), 250);
  assert.equal(await client.command('RCPT TO:<b@mairie.example>'), 550);
  sink.rejectRecipients(false);
  assert.equal(await client.command('RSET'), 250);
  assert.equal(await client.command('NOOP'), 250);
  assert.equal(await client.command('QUIT'), 221);
  client.close();
  assert.equal(sink.mails.some((m) => m.subject === 'trop long'), false);
});

test('decoders follow RFC 2047 and RFC 2045', () => {
  assert.equal(decodeEncodedWords('=?UTF-8?Q?a?= b =?utf-8?q?c?='), 'a b c');
  assert.equal(decodeEncodedWords('=?UTF-8?Q?=C3?= \t =?UTF-8?Q?=A9t=C3=A9?='), 'été');
  assert.equal(decodeEncodedWords('Objet simple'), 'Objet simple');
  assert.equal(decodeQuotedPrintable('a=\r\nb \r\nc=3d=C3=A9\r\n'), 'ab\nc=é\n');
});
