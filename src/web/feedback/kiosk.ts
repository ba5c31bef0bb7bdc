import bg from '../../domain/i18n/locales/bg/kiosk.json' with { type: 'json' };
import en from '../../domain/i18n/locales/en/kiosk.json' with { type: 'json' };
import sq from '../../domain/i18n/locales/sq/kiosk.json' with { type: 'json' };
import { PLACE_ICONS, faceSvg } from './kiosk-faces.ts';

/**
 * The child's feedback kiosk (issue 14 §1): a page of its own on a shared tablet, plain DOM, no
 * framework. One question per screen, large faces, a "read aloud" button (the browser's speech
 * synthesis in the kiosk's language), the child helpline on every screen. Nothing is kept in the
 * browser (no cookie, no storage): the answers live in this page's memory until they are sent,
 * and the page starts over after each child and after a minute without a touch.
 */
type Lang = 'sq' | 'bg' | 'en';
type Strings = typeof en.kiosk;
const STRINGS: Record<Lang, Strings> = { sq: sq.kiosk, bg: bg.kiosk, en: en.kiosk };
const VOICES: Record<Lang, string> = { sq: 'sq-AL', bg: 'bg-BG', en: 'en-GB' };
const IDLE_MS = 60_000;
const THANKS_MS = 8_000;
const FACES = [1, 2, 3, 4, 5] as const;

type Kiosk = {
  label: string; languages: Lang[]; nonce: string; questions: Array<'felt' | 'listened' | 'better'>;
  places: string[]; ageBands: string[]; notes: Array<{ language: Lang; youSaid: string; weDid: string }>;
};
type Answer = { felt?: number; listened?: number; better?: number; meetPlace?: string; ageBand?: string; freeText?: string };
type Step = 'felt' | 'listened' | 'better' | 'place' | 'age' | 'text';
const STEPS: Step[] = ['felt', 'listened', 'better', 'place', 'age', 'text'];

const token = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const api = `/api/v1/kiosk/${encodeURIComponent(token)}`;
const screen = document.getElementById('screen')!;
const helpline = document.getElementById('helpline')!;
const languages = document.getElementById('languages')!;

let kiosk: Kiosk | null = null;
/** Before the kiosk is known (an unknown or closed kiosk's message): the browser's language if ours, else Albanian. */
let lang: Lang = (['sq', 'bg', 'en'] as const).find((l) => navigator.language.startsWith(l)) ?? 'sq';
let answer: Answer = {};
let step = -1;
let idle: ReturnType<typeof setTimeout> | undefined;
let thanks: ReturnType<typeof setTimeout> | undefined;

const s = () => STRINGS[lang];
function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { cls?: string; attrs?: Record<string, string> } = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const { cls, attrs, ...rest } = props;
  const node = Object.assign(document.createElement(tag), rest);
  if (cls) node.className = cls;
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function speak(text: string) {
  const synth = window.speechSynthesis;
  if (!synth) return;
  synth.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = VOICES[lang];
  const voice = synth.getVoices().find((v) => v.lang.replace('_', '-').startsWith(lang));
  if (voice) u.voice = voice;
  synth.speak(u);
}
const readAloud = (text: string) =>
  h('button', { type: 'button', cls: 'read-aloud', onclick: () => speak(text) }, h('span', { attrs: { 'aria-hidden': 'true' } }, '🔊 '), s().readAloud);

/** The header: the helpline, and the kiosk's languages to choose from. */
function renderHeader() {
  document.documentElement.lang = lang;
  helpline.replaceChildren(h('span', { attrs: { 'aria-hidden': 'true' } }, '☎ '), s().helpline);
  const offered = kiosk?.languages ?? [];
  languages.setAttribute('aria-label', s().language);
  languages.replaceChildren(...(offered.length > 1 ? offered.map((l) =>
    h('button', { type: 'button', cls: 'lang', lang: l, attrs: { 'aria-pressed': String(l === lang) }, onclick: () => { lang = l; render(); } }, STRINGS[l].languageName[l])) : []));
}

function message(text: string) {
  renderHeader();
  screen.replaceChildren(h('section', { cls: 'card center' }, h('h1', {}, text)));
}

function startScreen(k: Kiosk) {
  const notes = k.notes.filter((n) => n.language === lang);
  const shown = notes.length > 0 ? notes : k.notes;
  return h('section', { cls: 'card center' },
    h('h1', {}, s().title),
    h('p', { cls: 'label' }, k.label),
    h('button', { type: 'button', cls: 'big primary', onclick: () => go(0) }, s().start),
    ...(shown.length > 0 ? [h('section', { cls: 'notes', attrs: { 'aria-labelledby': 'notes-title' } },
      h('h2', { id: 'notes-title' }, s().notes),
      h('ul', {}, ...shown.slice(0, 5).map((n) => h('li', { lang: n.language },
        h('p', {}, h('strong', {}, `${s().youSaid} `), n.youSaid), h('p', {}, h('strong', {}, `${s().weDid} `), n.weDid)))))] : []));
}

function choices(options: Array<{ value: string | number; label: string; picture: Node }>, chosen: unknown, pick: (v: string | number) => void, cls: string) {
  return h('div', { cls: `choices ${cls}`, attrs: { role: 'group' } }, ...options.map((o) =>
    h('button', { type: 'button', cls: 'choice', attrs: { 'aria-label': o.label, 'aria-pressed': String(chosen === o.value), 'data-value': String(o.value) }, onclick: () => pick(o.value) },
      h('span', { cls: 'picture', attrs: { 'aria-hidden': 'true' } }, o.picture), h('span', { cls: 'caption', attrs: { 'aria-hidden': 'true' } }, o.label))));
}

function questionScreen(k: Kiosk, i: number) {
  const id = STEPS[i]!;
  const title = s().question[id === 'place' ? 'place' : id === 'age' ? 'age' : id === 'text' ? 'text' : id];
  const heading = h('h1', { id: 'q-title', tabIndex: -1 }, title);
  const nav = h('div', { cls: 'nav' },
    h('button', { type: 'button', cls: 'secondary', onclick: () => go(i - 1) }, s().back),
    id === 'text'
      ? h('button', { type: 'button', cls: 'primary big', onclick: () => send() }, s().send)
      : h('button', { type: 'button', cls: 'secondary', onclick: () => go(i + 1) }, s().skip));
  let body: HTMLElement;
  if (id === 'felt' || id === 'listened' || id === 'better') {
    body = choices(FACES.map((f) => ({ value: f, label: s().face[String(f) as '1'], picture: faceSvg(f) })), answer[id], (v) => { answer[id] = Number(v); go(i + 1); }, 'faces');
  } else if (id === 'place') {
    body = choices(k.places.map((p) => ({ value: p, label: s().place[p as 'home'], picture: document.createTextNode(PLACE_ICONS[p] ?? '') })), answer.meetPlace, (v) => { answer.meetPlace = String(v); go(i + 1); }, 'places');
  } else if (id === 'age') {
    body = choices(k.ageBands.map((b) => ({ value: b, label: s().age[b as 'up_to_8'], picture: document.createTextNode('') })), answer.ageBand, (v) => { answer.ageBand = String(v); go(i + 1); }, 'ages');
  } else {
    const area = h('textarea', { id: 'free-text', maxLength: 2000, rows: 5, value: answer.freeText ?? '', oninput: () => { answer.freeText = area.value; } });
    body = h('div', { cls: 'text' }, h('label', { htmlFor: 'free-text' }, s().textLabel), area, h('p', { cls: 'hint' }, s().textHint));
  }
  return h('section', { cls: 'card', attrs: { 'aria-labelledby': 'q-title' } },
    h('p', { cls: 'progress' }, s().progress.replace('{{n}}', String(i + 1)).replace('{{total}}', String(STEPS.length))),
    heading, readAloud(title), body, nav);
}

function thanksScreen() {
  return h('section', { cls: 'card center thanks' }, h('h1', { tabIndex: -1 }, s().thanks), h('p', {}, s().thanksText), readAloud(`${s().thanks} ${s().thanksText}`));
}

function render() {
  renderHeader();
  if (!kiosk) return;
  const view = step === -1 ? startScreen(kiosk) : step >= STEPS.length ? thanksScreen() : questionScreen(kiosk, step);
  screen.replaceChildren(view);
  view.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
}

function go(i: number) {
  window.speechSynthesis?.cancel();
  step = Math.max(-1, i);
  render();
}

/** Starts over for the next child: a fresh visit (a new nonce), nothing of the last answer kept. */
async function reset() {
  clearTimeout(thanks);
  answer = {};
  step = -1;
  window.speechSynthesis?.cancel();
  const res = await fetch(api, { credentials: 'omit', cache: 'no-store' }).catch(() => null);
  if (!res || !res.ok) {
    kiosk = null;
    return message(!res ? s().error : res.status === 404 ? s().unknown : res.status === 410 ? s().closed : res.status === 429 ? s().busy : s().error);
  }
  kiosk = (await res.json()) as Kiosk;
  // Each child starts in the kiosk's first language (its default), whatever the last child chose.
  lang = kiosk.languages[0]!;
  render();
}

async function post(nonce: string) {
  const body = { nonce, ...answer, freeText: answer.freeText?.trim() ? answer.freeText.trim() : undefined };
  return fetch(`${api}/answers`, { method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => null);
}

async function send() {
  if (!kiosk) return;
  const given = Object.values(answer).some((v) => v !== undefined && v !== '');
  if (!given) return reset();
  let res = await post(kiosk.nonce);
  if (res?.status === 409) {
    // The visit expired (a page left open for hours): a fresh one, sent once.
    const again = await fetch(api, { credentials: 'omit', cache: 'no-store' }).catch(() => null);
    if (again?.ok) res = await post(((await again.json()) as Kiosk).nonce);
  }
  if (res?.status === 201) {
    step = STEPS.length;
    render();
    thanks = setTimeout(() => void reset(), THANKS_MS);
    return;
  }
  const note = h('p', { cls: 'alert', attrs: { role: 'alert' } }, res?.status === 429 ? s().busy : res?.status === 410 ? s().closed : s().error);
  screen.querySelector('.alert')?.remove();
  screen.querySelector('.card')?.append(note);
}

/** A minute without a touch: the next child must not find this one's answers. */
function touched() {
  clearTimeout(idle);
  idle = setTimeout(() => { if (step !== -1) void reset(); }, IDLE_MS);
}
for (const event of ['pointerdown', 'keydown', 'input'] as const) document.addEventListener(event, touched, { passive: true });

void reset();
