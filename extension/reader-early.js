// reader.html's first script, a classic one: it runs while the page is still
// being parsed, before the module graph of reader.js has loaded, and asks at
// once for what the first screen waits on, the article (from the background,
// when the page was just opened: its parse is under way or done) and the
// reader's settings. reader.js takes the answers from quietpageAsked. Asked
// from reader.js, they came ~30 ms later (bench/extension.mjs).
'use strict';
{
  const api = globalThis.browser ?? globalThis.chrome;
  const id = new URLSearchParams(location.search).get('id');
  const opened = performance.getEntriesByType('navigation')[0]?.type === 'navigate';
  const settingsKey = 'readerSettings';
  globalThis.quietpageAsked = {
    settingsKey,
    settings: api.storage.local.get(settingsKey).then((stored) => stored?.[settingsKey]),
    // After a reload or Back/Forward the page reads its store first (reader.js).
    record: opened && id ? api.runtime.sendMessage({ type: 'quietpage:record', id }).catch(() => null) : null,
  };
}
