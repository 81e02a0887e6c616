import { useEffect, useState } from "react";

/**
 * A loader value sent with Remix's `defer`, once it has arrived: undefined until then (and on the
 * server, which sends the page without waiting for it), so the page renders at once and stays
 * mounted, its state kept, when the value comes.
 */
export function useArrived<T>(value: Promise<T> | T): T | undefined {
  const [arrived, setArrived] = useState<{ value: T } | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void Promise.resolve(value).then((v) => {
      if (current) setArrived({ value: v });
    });
    return () => {
      current = false;
    };
  }, [value]);
  return arrived?.value;
}
