import { Spinner, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";

/**
 * A shopper's photo on the desk. An <img src> cannot carry the staff member's session token, so
 * the photo is fetched with App Bridge's fetch (which adds it as a bearer) and shown from a blob
 * URL, released when the photo leaves the page.
 */
export function useDeskPhoto(requestId: string, key: string | null, size: "thumbnail" | "full"): { url: string | null; failed: boolean } {
  const [state, setState] = useState<{ url: string | null; failed: boolean }>({ url: null, failed: false });
  useEffect(() => {
    if (!key) return;
    let url: string | null = null;
    let live = true;
    setState({ url: null, failed: false });
    fetch(`/app/requests/${encodeURIComponent(requestId)}/photos/${encodeURIComponent(key)}${size === "full" ? "?size=full" : ""}`)
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const blob = await response.blob();
        if (!live) return;
        url = URL.createObjectURL(blob);
        setState({ url, failed: false });
      })
      .catch(() => live && setState({ url: null, failed: true }));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [requestId, key, size]);
  return state;
}

/** A thumbnail that opens the full photo; `label` names it for a screen reader ("Photo 1 of Eternity ring"). */
export function DeskPhotoThumbnail({ requestId, photoKey, label, onOpen }: { requestId: string; photoKey: string; label: string; onOpen: () => void }) {
  const { url, failed } = useDeskPhoto(requestId, photoKey, "thumbnail");
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-label={`${label}: open the full photo`}
      style={{ width: 120, height: 120, padding: 0, border: "1px solid #c9cccf", borderRadius: 8, background: "#f6f6f7", cursor: "pointer", overflow: "hidden", display: "flex", alignItems: "center", justifyContent: "center" }}
    >
      {url ? (
        <img src={url} alt={label} style={{ width: "100%", height: "100%", objectFit: "cover" }} />
      ) : failed ? (
        <Text as="span" tone="subdued" variant="bodySm">
          Photo not available
        </Text>
      ) : (
        <Spinner size="small" accessibilityLabel={`Loading ${label}`} />
      )}
    </button>
  );
}

/** The full photo, for the photo dialog. */
export function DeskPhotoFull({ requestId, photoKey, label }: { requestId: string; photoKey: string; label: string }) {
  const { url, failed } = useDeskPhoto(requestId, photoKey, "full");
  if (url) return <img src={url} alt={label} style={{ display: "block", maxWidth: "100%", maxHeight: "70vh", margin: "0 auto" }} />;
  if (failed) return <Text as="p">This photo could not be loaded. Close this and try again; if it persists, the photo may have been removed.</Text>;
  return <Spinner accessibilityLabel={`Loading ${label}`} />;
}
