import { startTransition, useEffect, useState } from "react";

/**
 * A loader value sent with Remix's `defer`, once it has arrived: undefined until then (and on the
 * server, which sends the page without waiting for it), so the page renders at once and stays
 * mounted, its state kept, when the value comes. What it changes renders in a transition: a click
 * that lands while a large page takes it in (the policy editor's rules) is answered first.
 */
export function useArrived<T>(value: Promise<T> | T): T | undefined {
  const [arrived, setArrived] = useState<{ value: T } | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void Promise.resolve(value).then((v) => {
      if (current) startTransition(() => setArrived({ value: v }));
    });
    return () => {
      current = false;
    };
  }, [value]);
  return arrived?.value;
}
