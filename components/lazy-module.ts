import { h, type ComponentType, type FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A module the panel loads when a part of it is first shown, not at start-up (the side panel has a
 * 60 KB budget: test/packaging/bundle-budgets.ts). Each call site keeps its own cache, so the module
 * is fetched once per page and later renders get it synchronously.
 */
export interface LazyModule<T> {
  /** Already loaded in this page. */
  current: T | undefined;
  load(): Promise<T>;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let pending: Promise<T> | undefined;
  const lazy: LazyModule<T> = {
    current: undefined,
    load: () => (pending ??= importer().then((m) => (lazy.current = m))),
  };
  return lazy;
}

/** The module once loaded (undefined until then); starts loading on first render. */
export function useLazyModule<T>(lazy: LazyModule<T>): T | undefined {
  const [module, setModule] = useState(lazy.current);
  useEffect(() => {
    if (module) return;
    let live = true;
    void lazy.load().then((m) => live && setModule(() => m));
    return () => {
      live = false;
    };
  }, [lazy, module]);
  return module;
}

/**
 * A component whose code loads the first time it is rendered: nothing is drawn until then (a few
 * milliseconds on a loaded page). For parts of the panel that only some visits show.
 */
export function lazyComponent<P extends object>(importer: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  // Boxed: useState would take a bare function for an initializer and call the component with no props.
  const lazy = lazyModule(() => importer().then((Component) => ({ Component })));
  return function LazyComponent(props: P) {
    const loaded = useLazyModule(lazy);
    return loaded ? h(loaded.Component, props) : null;
  };
}
