import { TextField } from "@shopify/polaris";
import { memo, useCallback, useEffect, useRef, useState } from "react";

import { useT } from "../../i18n/react";

/** How long typing pauses before the search is sent: one navigation per word, not per key. */
const SEARCH_DEBOUNCE_MS = 350;

/**
 * The search field keeps what is typed in its own state, so a keystroke re-renders this field
 * only, not the page and its table; the search is sent when typing pauses (or on Enter).
 */
export const SearchBox = memo(function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const t = useT();
  const [query, setQuery] = useState(initial);
  const sent = useRef(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The search lands with the page's latest callback (and so its latest URL: a tab clicked while
  // the timer ran is kept), not the one of the keystroke that started the timer.
  const latest = useRef(onSearch);
  useEffect(() => {
    latest.current = onSearch;
  }, [onSearch]);
  const send = useCallback((q: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (q.trim() === sent.current.trim()) return;
    sent.current = q;
    latest.current(q);
  }, []);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const change = (q: string) => {
    setQuery(q);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => send(q), SEARCH_DEBOUNCE_MS);
  };
  return (
    <form
      role="search"
      style={{ minWidth: 260, flex: 1 }}
      onSubmit={(e) => {
        e.preventDefault();
        send(query);
      }}
    >
      <TextField label={t("requests.filters.search")} value={query} onChange={change} placeholder={t("requests.filters.searchPlaceholder")} autoComplete="off" clearButton onClearButtonClick={() => { setQuery(""); send(""); }} />
    </form>
  );
});
