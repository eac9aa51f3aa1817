import { App as AntdApp, ConfigProvider, theme } from 'antd';
import antdStylesheet from 'antd/dist/antd.css?url';
import zhCNAntd from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { format, type Locale, parseLocale, type Vars } from './format.ts';
import { type MessageKey, zhCN } from './zh-cn.ts';

export type { Locale };
export const LOCALE_STORAGE_KEY = 'ronghe.locale';

/**
 * English, the second language, is fetched when first chosen (B5: the first screen's JS carries Chinese only): its
 * dictionary and antd's English locale. Until it is here the app speaks Chinese.
 */
let english: { dictionary: Record<MessageKey, string>; antd: typeof zhCNAntd } | null = null;
let englishLoading: Promise<void> | null = null;

export function loadEnglish(): Promise<void> {
  englishLoading ??= Promise.all([import('./en.ts'), import('antd/locale/en_US')]).then(([dict, antdEn]) => {
    english = { dictionary: dict.en, antd: antdEn.default };
  });
  return englishLoading;
}

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  return format((locale === 'en' && english ? english.dictionary : zhCN)[key], vars);
}

function readStoredLocale(): Locale {
  try {
    return parseLocale(localStorage.getItem(LOCALE_STORAGE_KEY));
  } catch {
    return 'zh-CN';
  }
}

function applyDayjsLocale(locale: Locale): void {
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
}

/**
 * Adds antd's stylesheet to the page; resolves once it applies (or failed to load), so the app renders styled. Added
 * from here rather than linked in index.html, where a 1 MB stylesheet would hold back every script until loaded.
 */
export function loadAntdStylesheet(): Promise<void> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = antdStylesheet;
  const applied = new Promise<void>((resolve) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
  });
  document.head.append(link);
  return applied;
}

type LocaleState = { locale: Locale; setLocale: (locale: Locale) => void };
const LocaleContext = createContext<LocaleState>({ locale: 'zh-CN', setLocale: () => undefined });

/**
 * zeroRuntime: antd's component styles come from its prebuilt stylesheet (loadAntdStylesheet) instead of being
 * generated and inserted by each component as it first renders, which took about a quarter of the time to draw a
 * page. The stylesheet reads the theme through CSS variables, which antd still sets from the tokens here (ADR 21).
 */
const THEME = {
  algorithm: theme.defaultAlgorithm,
  token: { colorPrimary: '#b71c1c', colorLink: '#b71c1c', borderRadius: 6 },
  zeroRuntime: true,
};

/** Holds the language and switches antd's and dayjs' locale with it. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    // A stored English choice starts in Chinese until English has been fetched (the effect below).
    const initial = readStoredLocale() === 'en' && !english ? 'zh-CN' : readStoredLocale();
    applyDayjsLocale(initial);
    return initial;
  });
  const setLocale = useCallback((next: Locale) => {
    const apply = () => {
      // dayjs is global: switch it before the re-render so date pickers render in the new language at once.
      applyDayjsLocale(next);
      setLocaleState(next);
    };
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // private mode: the choice just is not remembered
    }
    if (next === 'en' && !english) void loadEnglish().then(apply);
    else apply();
  }, []);
  useEffect(() => {
    if (readStoredLocale() === 'en' && !english) setLocale('en');
  }, [setLocale]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <LocaleContext.Provider value={value}>
      <ConfigProvider locale={locale === 'en' && english ? english.antd : zhCNAntd} theme={THEME}>
        <AntdApp>{children}</AntdApp>
      </ConfigProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

export type Translate = (key: MessageKey, vars?: Vars) => string;

export function useT(): Translate {
  const { locale } = useLocale();
  return useCallback((key: MessageKey, vars?: Vars) => translate(locale, key, vars), [locale]);
}

/** Picks the right half of the contracts' `{ zh, en }` labels. */
export function useLabel(): (label: { zh: string; en: string }) => string {
  const { locale } = useLocale();
  return useCallback((label) => (locale === 'en' ? label.en : label.zh), [locale]);
}
