import type { LinksFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";

// Without an icon link, browsers ask for /favicon.ico on every visit and the server logs a 404.
export const links: LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export default function App() {
  // The admin's pages read in the merchant's language (the app layout resolves it); the rest in English.
  const admin = useRouteLoaderData<{ language?: string }>("routes/app");
  return (
    <html lang={admin?.language ?? "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
