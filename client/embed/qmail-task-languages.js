// qmail-task-languages.js: what only a page in another language than English
// needs from the module (client/embed/qmail-task-widget.js loads it with the
// core that speaks other languages): the languages this package ships, each a
// module of its own that a page downloads only when a widget speaks it, and
// the check of the messages a host registers.

// The paths are literal so bundlers find the files.
const LANGUAGES = {
  ar: () => import('./lang/ar.js'),
  de: () => import('./lang/de.js'),
  es: () => import('./lang/es.js'),
  fr: () => import('./lang/fr.js'),
  ja: () => import('./lang/ja.js'),
};
// Each shipped language's loading promise.
const loads = {};

/**
 * The messages of shipped language `lang` (`de`, any case), for the core's
 * loader; undefined for a language this package does not ship.
 */
export function load(lang) {
  const tag = String(lang).toLowerCase();
  if (!Object.prototype.hasOwnProperty.call(LANGUAGES, tag)) return undefined;
  loads[tag] ??= LANGUAGES[tag]().then((module) => module.default, (error) => {
    // The widget goes on in English; another widget may try again.
    delete loads[tag];
    console.error(`qmail-task-widget: the texts for '${tag}' did not load`, error);
  });
  return loads[tag];
}

// The page's language starts downloading with this module, so a widget's
// first render can speak it.
load(document.documentElement.lang.split(/[-_]/)[0]);

const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'];

/**
 * A copy of `messages` (later changes to the host's object change nothing),
 * or a TypeError naming the fault: a tag that is no tag, or messages that are
 * not an object of texts and plural forms.
 */
export function checkedMessages(lang, messages) {
  const fail = (fault) => {
    throw new TypeError(`qmail-task-widget: registerLanguage(): ${fault}`);
  };
  try {
    // A tag the browser's Intl refuses (`en_US`, `x-pirate`) could count or
    // write numbers by no rules.
    Intl.getCanonicalLocales(lang);
  } catch {
    fail('the language must be a tag, e.g. de');
  }
  if (typeof lang !== 'string' || !lang.trim()) fail('the language must be a tag, e.g. de');
  if (messages === null || typeof messages !== 'object' || Array.isArray(messages)) {
    fail('the messages must be an object of keys and texts');
  }
  for (const [key, text] of Object.entries(messages)) {
    if (typeof text === 'string') continue;
    const forms = text !== null && typeof text === 'object' ? Object.entries(text) : [];
    if (!forms.some(([form]) => form === 'other') || forms.some(([form, value]) => !PLURAL_FORMS.includes(form) || typeof value !== 'string')) {
      fail(`${key} must be a text, or plural forms (${PLURAL_FORMS.join(', ')}) with at least other`);
    }
  }
  return JSON.parse(JSON.stringify(messages));
}
