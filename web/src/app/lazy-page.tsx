import { type ComponentType, useEffect, useReducer, useState } from 'react';
import { PageSpin } from '../components/page-spin.tsx';

/** A page whose code is loaded on first use. */
export type LazyPage = {
  /** The page, once its code (and the first data it was told to wait for) is there. */
  loaded: () => ComponentType | undefined;
  /**
   * Starts loading the code without rendering anything. With `data` (the page's first data, being fetched) the
   * page's first render also waits for that, so that it renders once, complete, rather than empty and then again.
   */
  preload: (data?: Promise<unknown>) => Promise<ComponentType>;
};

/** A page module's named export, as a LazyPage. */
export function lazyPage<M>(load: () => Promise<M>, name: keyof M): LazyPage {
  let code: Promise<ComponentType> | undefined;
  let ready: Promise<ComponentType> | undefined;
  let loaded: ComponentType | undefined;
  return {
    loaded: () => loaded,
    preload: (data) => {
      code ??= load().then((module) => module[name] as ComponentType);
      if (!ready || (data && !loaded)) {
        // A failed data request is the page's to show: it asks again when it renders.
        ready = Promise.all([code, data?.catch(() => undefined)]).then(([component]) => {
          loaded = component;
          return component;
        });
      }
      return ready;
    },
  };
}

/**
 * Renders a LazyPage: at once if it is loaded (a page preloaded at start-up then appears in the same pass as the
 * layout around it), else the page spinner until it is. The router may keep one PageView across routes and only
 * change `page`, so everything shown is read from `page` at each render.
 *
 * Not React.lazy or use(): a page that suspends is rendered again, when its code comes, as a "retry", which React
 * renders in 5 ms slices between other work. On a slow CPU a whole page in such slices took seconds longer than
 * the same render in one go, which an ordinary state update gets.
 */
export function PageView({ page }: { page: LazyPage }) {
  const Component = page.loaded();
  const [failed, setFailed] = useState<{ page: LazyPage; error: unknown }>();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (Component) return;
    let live = true;
    page.preload().then(
      () => live && rerender(),
      (error: unknown) => live && setFailed({ page, error }),
    );
    return () => {
      live = false;
    };
  }, [page, Component]);
  // As with React.lazy, code that cannot be loaded is an error for the nearest error boundary.
  if (failed?.page === page) throw failed.error;
  return Component ? <Component /> : <PageSpin />;
}
