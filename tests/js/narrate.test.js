// Read aloud (reader-view/narrate.js) against a stubbed speechSynthesis:
// paragraphs inserted after reading started — the rest of a long article,
// the pages the extension appends — are read too. The extension's browser
// test covers the panel, voices and rates in Chromium.
import test from 'node:test';
import assert from 'node:assert/strict';

import { createNarrator } from '../../reader-view/narrate.js';

function block(text) {
  const classes = new Set();
  return {
    textContent: text,
    classList: { add: (c) => classes.add(c), remove: (c) => classes.delete(c) },
    get speaking() { return classes.has('qp-speaking'); },
  };
}

function stubSpeech() {
  const spoken = [];
  let current = null;
  class Utterance extends EventTarget {
    constructor(text) {
      super();
      this.text = text;
    }
  }
  globalThis.SpeechSynthesisUtterance = Utterance;
  globalThis.speechSynthesis = {
    getVoices: () => [],
    speak(utterance) {
      current = utterance;
      spoken.push(utterance.text);
    },
    cancel() {
      const utterance = current;
      current = null;
      utterance?.dispatchEvent(Object.assign(new Event('error'), { error: 'canceled' }));
    },
  };
  return {
    spoken,
    end() {
      const utterance = current;
      current = null;
      utterance?.dispatchEvent(new Event('end'));
    },
  };
}

test('read aloud goes on into paragraphs appended while it reads', (t) => {
  const speech = stubSpeech();
  t.after(() => {
    delete globalThis.speechSynthesis;
    delete globalThis.SpeechSynthesisUtterance;
  });
  const page = [block('Title'), block('First page.')];
  const states = [];
  const narrator = createNarrator({ lang: 'en', blocks: () => [...page], onChange: (s) => states.push(s), reveal() {} });
  narrator.play();
  assert.deepEqual(speech.spoken, ['Title']);
  // The next page arrives while the title is read.
  page.push(block('Second page, first paragraph.'), block('Second page, second paragraph.'));
  speech.end();
  speech.end();
  assert.deepEqual(speech.spoken, ['Title', 'First page.', 'Second page, first paragraph.']);
  assert.equal(states.at(-1).total, 4);
  assert.ok(page[2].speaking);
  // "Next" reaches a paragraph appended after the list was last read.
  page.push(block('Third page.'));
  narrator.next();
  narrator.next();
  assert.equal(speech.spoken.at(-1), 'Third page.');
  speech.end();
  assert.equal(narrator.playing, false, 'reading stops after the last paragraph');
  assert.equal(states.at(-1).index, -1);
});
