// Read aloud for the reader view, with the Web Speech API: one utterance per
// paragraph, in the article's language, the paragraph being read highlighted
// and kept in view. Pausing cancels the utterance and resuming starts that
// paragraph again: speechSynthesis.pause()/resume() stall or lose their place
// with some voices and browsers, a fresh utterance never does.

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, dt, dd, blockquote, figcaption, pre, td, th';

/**
 * The paragraphs to read in a reader page: the title, then the article's
 * innermost text blocks (a list item's paragraphs, not the item and them).
 * @param {Element} article the .qp-article element
 * @returns {HTMLElement[]}
 */
export function readableBlocks(article) {
  const title = article.querySelector('.qp-title');
  const content = article.querySelector('.qp-content');
  const blocks = content ? [...content.querySelectorAll(BLOCKS)] : [];
  const inner = blocks.filter((block) => !block.querySelector(BLOCKS) && block.textContent.trim());
  return title ? [title, ...inner] : inner;
}

/** Whether a voice speaks a language (its primary subtag, "en" for "en-GB"). */
export function voiceSpeaks(voice, lang) {
  if (!lang) return true;
  const primary = (tag) => String(tag).toLowerCase().split(/[-_]/)[0];
  return primary(voice.lang) === primary(lang);
}

/**
 * @param {{
 *   lang: string | null,
 *   blocks: () => HTMLElement[],
 *   onChange: (state: { playing: boolean, index: number, total: number }) => void,
 *   reveal: (block: HTMLElement) => void,
 * }} options
 */
export function createNarrator({ lang, blocks, onChange, reveal }) {
  const synth = globalThis.speechSynthesis;
  let list = [];
  let index = -1;
  let playing = false;
  let rate = 1;
  let voice = null;
  // Each utterance gets a number; the events of older ones are ignored (a
  // cancelled utterance still reports 'end' or 'error' in some browsers).
  let serial = 0;

  const report = () => onChange({ playing, index, total: list.length });

  function highlight(next) {
    list[index]?.classList.remove('qp-speaking');
    index = next;
    const block = list[index];
    if (block) {
      block.classList.add('qp-speaking');
      reveal(block);
    }
  }

  function speak() {
    const block = list[index];
    if (!block) {
      stop();
      return;
    }
    const text = block.textContent.replace(/\s+/g, ' ').trim();
    const mine = ++serial;
    const utterance = new SpeechSynthesisUtterance(text);
    if (lang) utterance.lang = lang;
    if (voice) utterance.voice = voice;
    utterance.rate = rate;
    const done = (event) => {
      if (mine !== serial || !playing) return;
      if (event.type === 'error' && event.error !== 'interrupted' && event.error !== 'canceled') {
        // A voice that fails (e.g. an unreachable network voice) stops reading.
        pause();
        return;
      }
      // Paragraphs inserted since reading started (the rest of a long
      // article, the pages appended after it) are read too.
      if (index + 1 >= list.length) list = blocks();
      if (index + 1 < list.length) {
        highlight(index + 1);
        report();
        speak();
      } else {
        stop();
      }
    };
    utterance.addEventListener('end', done);
    utterance.addEventListener('error', done);
    synth.speak(utterance);
  }

  /** Starts reading at block `from` (default: where reading stopped, or the first block). */
  function play(from) {
    if (!synth) return;
    list = blocks();
    if (!list.length) return;
    const start = from ?? (index >= 0 && index < list.length ? index : 0);
    synth.cancel();
    playing = true;
    highlight(Math.min(Math.max(0, start), list.length - 1));
    report();
    speak();
  }

  function pause() {
    if (!playing) return;
    playing = false;
    serial++;
    synth.cancel();
    report();
  }

  function stop() {
    playing = false;
    serial++;
    synth?.cancel();
    list[index]?.classList.remove('qp-speaking');
    index = -1;
    report();
  }

  function skip(step) {
    if (!list.length || index + step >= list.length) list = blocks();
    const next = Math.min(Math.max(0, (index < 0 ? 0 : index) + step), list.length - 1);
    if (playing) {
      serial++;
      synth.cancel();
      highlight(next);
      report();
      speak();
    } else {
      highlight(next);
      report();
    }
  }

  return {
    supported: Boolean(synth && globalThis.SpeechSynthesisUtterance),
    get playing() { return playing; },
    play,
    pause,
    stop,
    toggle(from) {
      if (playing) pause();
      else play(index >= 0 ? index : from);
    },
    next: () => skip(1),
    previous: () => skip(-1),
    /** Rate and voice apply from the next paragraph on (the current one restarts). */
    configure(options) {
      if (options.rate !== undefined) rate = options.rate;
      if (options.voice !== undefined) voice = options.voice;
      if (playing) {
        serial++;
        synth.cancel();
        speak();
      }
    },
    voices() {
      return synth ? synth.getVoices() : [];
    },
  };
}
