// Starts telegram-test-api 4.2.1 on 127.0.0.1:PORT with three known differences from the real
// Bot API corrected, so that the real python-telegram-bot can talk to it:
//   1. getMe lacks is_bot (PTB refuses the bot)  -> a getMe route registered ahead of the emulator's;
//   2. callback queries lack chat_instance       -> TelegramServer.formatUpdate wrapped;
//   3. sendMessage results carry date in ms      -> addBotMessage wrapped to return seconds.
// Usage: node tests/e2e/emulator.js PORT   (prints "READY <port>" once listening; SIGTERM stops it)
'use strict';

const TelegramServer = require('telegram-test-api');
const { routes } = require('telegram-test-api/lib/routes/index');

const port = Number(process.argv[2] || 9000);
const BOT = { id: 666, is_bot: true, first_name: 'BriefBot', username: 'BriefTestBot',
  can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true };

routes.unshift((app) => {
  app.all('/bot:token/getMe', (_req, res) => res.json({ ok: true, result: BOT }));
});

const formatUpdate = TelegramServer.formatUpdate;
TelegramServer.formatUpdate = (update) => {
  const out = formatUpdate(update);
  const query = out.callback_query;
  if (query) {
    query.chat_instance = query.chat_instance || `ci-${query.from ? query.from.id : 0}`;
    if (query.message) {
      query.message.message_id = query.message.message_id || 1;
      query.message.date = query.message.date || Math.floor(Date.now() / 1000);
    }
  }
  return out;
};

const addBotMessage = TelegramServer.prototype.addBotMessage;
TelegramServer.prototype.addBotMessage = function patched(rawMessage, botToken) {
  const message = addBotMessage.call(this, rawMessage, botToken);
  return { ...message, date: Math.floor(message.date / 1000), from: BOT };
};

const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
server.start().then(() => {
  process.stdout.write(`READY ${port}\n`);
});

const stop = () => server.stop().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
