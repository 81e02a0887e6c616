/**
 * The demo catalogue's product photos. Shopify serves a product's images from its CDN; the
 * stand-in has no photographs and no internet, so it draws each product as a small SVG from its
 * type and title (a ring, a pair of drops, a watch…) in the metal and stone the title names, and
 * serves it at `/cdn/shop/products/<handle>.svg`. The app reads `LineItem.image` and
 * `Product.featuredImage` exactly as it would from Shopify; only the pixels are made up.
 */
export const IMAGE_PATH = "/cdn/shop/products/";
export const IMAGE_SIZE = 600;

type Drawn = { title: string; productType: string; tags: string[] };

const METALS = { gold: ["#f4d27a", "#b8862b"], rose: ["#f3c1b0", "#b7715c"], silver: ["#eceff3", "#8a94a3"] } as const;
const STONES = { sapphire: "#2f5fb3", emerald: "#2e8b57", ruby: "#b3243b", pearl: "#f7f3ea", crystal: "#dff3ff", diamond: "#f2fbff" } as const;

function metalOf(item: Drawn): readonly [string, string] {
  const words = `${item.title} ${item.tags.join(" ")}`.toLowerCase();
  if (/rose/.test(words)) return METALS.rose;
  if (/gold|9ct|18ct/.test(words)) return METALS.gold;
  return METALS.silver;
}

function stoneOf(item: Drawn): string {
  const words = `${item.title} ${item.tags.join(" ")}`.toLowerCase();
  for (const [name, colour] of Object.entries(STONES)) if (words.includes(name)) return colour;
  return STONES.crystal;
}

const gem = (x: number, y: number, r: number, fill: string, edge: string) =>
  `<polygon points="${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}" fill="${fill}" stroke="${edge}" stroke-width="4"/>`;

/** The drawing for a product type, in a 600 × 600 box. */
function shape(item: Drawn, [metal, edge]: readonly [string, string], stone: string): string {
  switch (item.productType) {
    case "Rings":
      return `<circle cx="300" cy="340" r="150" fill="none" stroke="${edge}" stroke-width="44"/><circle cx="300" cy="340" r="150" fill="none" stroke="${metal}" stroke-width="30"/>${gem(300, 180, 52, stone, edge)}`;
    case "Earrings":
      return [200, 400].map((x) => `<circle cx="${x}" cy="150" r="22" fill="${metal}" stroke="${edge}" stroke-width="6"/><line x1="${x}" y1="172" x2="${x}" y2="260" stroke="${edge}" stroke-width="8"/><ellipse cx="${x}" cy="330" rx="58" ry="80" fill="${stone}" stroke="${edge}" stroke-width="6"/>`).join("");
    case "Necklaces":
      return `<path d="M110 120 Q300 520 490 120" fill="none" stroke="${metal}" stroke-width="14"/><path d="M110 120 Q300 520 490 120" fill="none" stroke="${edge}" stroke-width="4" stroke-dasharray="10 8"/>${gem(300, 380, 60, stone, edge)}`;
    case "Bracelets":
    case "Bangles":
      return `<ellipse cx="300" cy="310" rx="210" ry="130" fill="none" stroke="${edge}" stroke-width="46"/><ellipse cx="300" cy="310" rx="210" ry="130" fill="none" stroke="${metal}" stroke-width="32"/>${item.productType === "Bracelets" ? [0, 1, 2, 3, 4, 5, 6, 7].map((i) => gem(300 + 210 * Math.cos((i * Math.PI) / 4), 310 + 130 * Math.sin((i * Math.PI) / 4), 16, stone, edge)).join("") : ""}`;
    case "Watches":
      return `<rect x="245" y="40" width="110" height="520" rx="30" fill="#6b4a35"/><circle cx="300" cy="300" r="130" fill="${metal}" stroke="${edge}" stroke-width="14"/><circle cx="300" cy="300" r="105" fill="#fffdf8"/><line x1="300" y1="300" x2="300" y2="215" stroke="#333" stroke-width="10" stroke-linecap="round"/><line x1="300" y1="300" x2="365" y2="330" stroke="#333" stroke-width="8" stroke-linecap="round"/>`;
    case "Pens":
      return `<g transform="rotate(-35 300 300)"><rect x="270" y="70" width="60" height="400" rx="26" fill="${metal}" stroke="${edge}" stroke-width="8"/><polygon points="270,470 330,470 300,545" fill="${edge}"/>${[0, 1, 2, 3].map((i) => gem(300, 130 + i * 60, 14, stone, edge)).join("")}</g>`;
    case "Phone Cases":
      return `<rect x="180" y="60" width="240" height="480" rx="44" fill="${metal}" stroke="${edge}" stroke-width="10"/><rect x="210" y="90" width="70" height="90" rx="20" fill="#333"/>${[0, 1, 2, 3, 4, 5].map((i) => gem(250 + (i % 3) * 50, 300 + Math.floor(i / 3) * 60, 16, stone, edge)).join("")}`;
    case "Headsets":
      return `<path d="M150 330 Q150 110 300 110 Q450 110 450 330" fill="none" stroke="${edge}" stroke-width="26"/><rect x="110" y="300" width="90" height="160" rx="40" fill="${metal}" stroke="${edge}" stroke-width="8"/><rect x="400" y="300" width="90" height="160" rx="40" fill="${metal}" stroke="${edge}" stroke-width="8"/>`;
    case "Active Crystals":
      return `<rect x="120" y="200" width="360" height="200" rx="100" fill="#c9d3df"/>${[0, 1, 2, 3, 4].map((i) => gem(180 + i * 60, 300, 24, stone, edge)).join("")}`;
    case "Jewellery Sets":
      return `<rect x="90" y="130" width="420" height="340" rx="24" fill="#2b2b38"/><circle cx="230" cy="320" r="70" fill="none" stroke="${metal}" stroke-width="20"/>${gem(230, 245, 26, stone, edge)}${[370, 440].map((x) => `<ellipse cx="${x}" cy="320" rx="24" ry="34" fill="${stone}" stroke="${edge}" stroke-width="5"/>`).join("")}`;
    default:
      // Workshop services: a jeweller's loupe over a sparkle.
      return `<circle cx="260" cy="260" r="120" fill="#fffdf8" stroke="${edge}" stroke-width="26"/><line x1="345" y1="345" x2="470" y2="470" stroke="${edge}" stroke-width="36" stroke-linecap="round"/>${gem(260, 260, 50, stone, edge)}`;
  }
}

/** The product's picture as an SVG document. */
export function productImageSvg(item: Drawn): string {
  const body = shape(item, metalOf(item), stoneOf(item));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE_SIZE}" height="${IMAGE_SIZE}" viewBox="0 0 600 600" role="img"><title>${escapeXml(item.title)}</title><rect width="600" height="600" fill="#f6f1ea"/>${body}</svg>`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
