/**
 * The demo jeweller's catalogue as plain data. It follows the product-data convention the policy
 * presets rely on (shared CONTRACT rule 13): product types such as `Earrings`, `Rings`, `Pens`,
 * `Watches`, `Active Crystals`; the tag `pierced` on anything with pierced earrings, sets
 * included; and the metafields `custom.crystal_count` (number_integer) and `custom.adjustable`
 * (boolean). The `custom` namespace is where a merchant's own product metafields live in the
 * Shopify admin, so a real shop configured the same way reads identically.
 */
export const METAFIELD_NAMESPACE = "custom";

export type CatalogueItem = {
  title: string;
  handle: string;
  productType: string;
  vendor?: string;
  tags: string[];
  /** Price in pence per variant option value; one "Default Title" variant when `options` is absent. */
  price: number;
  /** Set on sale items: the price before the sale, above `price`. */
  compareAtPrice?: number;
  options?: { name: string; values: string[] };
  crystalCount?: number;
  adjustable?: boolean;
  /** Shoppers may have it engraved (a line item property `Engraving`). */
  engravable?: boolean;
  collections: string[];
  description: string;
  /** Relative popularity in the order history (0: never in a random order). */
  weight: number;
  /** A workshop service sold at the counter (no shipping): the Aftercare service it records. */
  service?: string;
};

const RING_SIZES = { name: "Ring size", values: ["J", "K", "L", "M", "N", "O", "P", "Q"] };
const METALS = { name: "Metal", values: ["Sterling silver", "9ct gold"] };
const PHONES = { name: "Model", values: ["iPhone 16", "iPhone 16 Pro", "iPhone 17", "Galaxy S25"] };

export const COLLECTIONS: { handle: string; title: string; description: string }[] = [
  { handle: "rings", title: "Rings", description: "Engagement, eternity, signet and adjustable rings." },
  { handle: "earrings", title: "Earrings", description: "Studs, drops and hoops, pierced and clip-on." },
  { handle: "necklaces", title: "Necklaces", description: "Pendants, chains and tennis necklaces." },
  { handle: "bracelets-bangles", title: "Bracelets & Bangles", description: "Tennis bracelets, bangles and charms." },
  { handle: "watches", title: "Watches", description: "Leather and crystal-set watches." },
  { handle: "pens", title: "Pens", description: "Crystal and fountain pens." },
  { handle: "tech-accessories", title: "Tech Accessories", description: "Crystal phone cases and headsets." },
  { handle: "active-crystals", title: "Active Crystals", description: "Crystals set in silicone for every day." },
  { handle: "gift-sets", title: "Gift Sets", description: "Matching sets, boxed for giving." },
  { handle: "personalised", title: "Personalised", description: "Pieces we engrave for you." },
  { handle: "sale", title: "Sale", description: "Last season's pieces at reduced prices." },
];

export const CATALOGUE: CatalogueItem[] = [
  // Rings
  { title: "Solitaire Engagement Ring", handle: "solitaire-engagement-ring", productType: "Rings", tags: ["engagement", "diamond"], price: 149500, options: RING_SIZES, engravable: true, collections: ["rings", "personalised"], description: "A 0.3ct brilliant-cut diamond in a platinum claw setting.", weight: 2 },
  { title: "Crystal Eternity Band", handle: "crystal-eternity-band", productType: "Rings", tags: ["crystal"], price: 8900, options: RING_SIZES, crystalCount: 28, collections: ["rings"], description: "A full circle of clear crystals set in rhodium-plated silver.", weight: 5 },
  { title: "Engraved Signet Ring", handle: "engraved-signet-ring", productType: "Rings", tags: ["signet", "personalised"], price: 18500, options: RING_SIZES, engravable: true, collections: ["rings", "personalised"], description: "A sterling silver oval signet, hand-engraved with up to three initials.", weight: 4 },
  { title: "Adjustable Crystal Cocktail Ring", handle: "adjustable-crystal-cocktail-ring", productType: "Rings", tags: ["crystal", "adjustable"], price: 6500, crystalCount: 36, adjustable: true, collections: ["rings"], description: "An open band that fits sizes L to Q, crowned with a cluster of crystals.", weight: 6 },
  { title: "Adjustable Stacking Ring", handle: "adjustable-stacking-ring", productType: "Rings", tags: ["adjustable", "stacking"], price: 3200, adjustable: true, collections: ["rings"], description: "A fine open band to wear alone or stacked.", weight: 7 },
  { title: "Vintage Sapphire Ring", handle: "vintage-sapphire-ring", productType: "Rings", tags: ["sapphire", "sale"], price: 22000, compareAtPrice: 29500, options: RING_SIZES, collections: ["rings", "sale"], description: "An oval sapphire with a halo of white topaz, from last season's collection.", weight: 2 },
  // Earrings
  { title: "Pearl Drop Earrings", handle: "pearl-drop-earrings", productType: "Earrings", tags: ["pierced", "pearl"], price: 8500, collections: ["earrings"], description: "Freshwater pearls on sterling silver hooks.", weight: 8 },
  { title: "Crystal Stud Earrings", handle: "crystal-stud-earrings", productType: "Earrings", tags: ["pierced", "crystal"], price: 4500, crystalCount: 2, collections: ["earrings"], description: "Round crystal studs with butterfly backs.", weight: 9 },
  { title: "Gold Huggie Hoops", handle: "gold-huggie-hoops", productType: "Earrings", tags: ["pierced", "gold"], price: 12500, collections: ["earrings"], description: "Small 9ct gold hoops that hug the lobe.", weight: 5 },
  { title: "Clip-on Crystal Earrings", handle: "clip-on-crystal-earrings", productType: "Earrings", tags: ["clip-on", "crystal"], price: 5500, crystalCount: 14, collections: ["earrings"], description: "Crystal clusters on padded clips, for unpierced ears.", weight: 4 },
  { title: "Clip-on Pearl Earrings", handle: "clip-on-pearl-earrings", productType: "Earrings", tags: ["clip-on", "pearl"], price: 6000, collections: ["earrings"], description: "Button pearls on comfortable clips.", weight: 3 },
  { title: "Last Season Chandelier Earrings", handle: "chandelier-earrings", productType: "Earrings", tags: ["pierced", "crystal", "sale"], price: 4900, compareAtPrice: 9800, crystalCount: 40, collections: ["earrings", "sale"], description: "Tiered crystal chandeliers, reduced to clear.", weight: 3 },
  // Sets with pierced earrings
  { title: "Bridal Necklace and Earring Set", handle: "bridal-necklace-earring-set", productType: "Jewellery Sets", tags: ["pierced", "bridal", "set", "crystal"], price: 17500, crystalCount: 64, collections: ["gift-sets", "necklaces"], description: "A crystal collar necklace with matching drop earrings for pierced ears.", weight: 3 },
  { title: "Heart Pendant and Stud Gift Set", handle: "heart-pendant-stud-gift-set", productType: "Jewellery Sets", tags: ["pierced", "set", "gift"], price: 9500, collections: ["gift-sets"], description: "A heart pendant on a trace chain with matching heart studs.", weight: 4 },
  // Necklaces
  { title: "Engraved Heart Pendant", handle: "engraved-heart-pendant", productType: "Necklaces", tags: ["personalised", "heart"], price: 7900, options: METALS, engravable: true, collections: ["necklaces", "personalised"], description: "A polished heart locket, engraved on the back with your message.", weight: 6 },
  { title: "Crystal Tennis Necklace", handle: "crystal-tennis-necklace", productType: "Necklaces", tags: ["crystal"], price: 19500, crystalCount: 118, collections: ["necklaces"], description: "A line of claw-set crystals, 42 cm.", weight: 3 },
  { title: "9ct Gold Belcher Chain", handle: "gold-belcher-chain", productType: "Necklaces", tags: ["gold", "chain"], price: 24500, options: { name: "Length", values: ["40 cm", "45 cm", "50 cm"] }, collections: ["necklaces"], description: "A solid 9ct gold belcher chain with a bolt ring clasp.", weight: 3 },
  { title: "Birthstone Charm Necklace", handle: "birthstone-charm-necklace", productType: "Necklaces", tags: ["birthstone", "sale"], price: 3500, compareAtPrice: 5000, options: { name: "Month", values: ["January", "April", "July", "October"] }, collections: ["necklaces", "sale"], description: "A single birthstone charm on a fine chain.", weight: 4 },
  // Bracelets and bangles
  { title: "Crystal Tennis Bracelet", handle: "crystal-tennis-bracelet", productType: "Bracelets", tags: ["crystal"], price: 12900, crystalCount: 52, collections: ["bracelets-bangles"], description: "Fifty-two claw-set crystals on a flexible silver line.", weight: 5 },
  { title: "Engraved Silver Bangle", handle: "engraved-silver-bangle", productType: "Bangles", tags: ["personalised"], price: 9900, engravable: true, collections: ["bracelets-bangles", "personalised"], description: "A solid silver bangle, engraved inside with a name or date.", weight: 5 },
  { title: "Adjustable Charm Bracelet", handle: "adjustable-charm-bracelet", productType: "Bracelets", tags: ["adjustable", "charm"], price: 4500, adjustable: true, collections: ["bracelets-bangles"], description: "A slider bracelet that fits any wrist, with three charms.", weight: 6 },
  // Watches
  { title: "Classic Leather Watch", handle: "classic-leather-watch", productType: "Watches", tags: ["leather"], price: 16900, options: { name: "Strap", values: ["Black", "Tan"] }, collections: ["watches"], description: "A 36 mm steel case with a quartz movement and a leather strap.", weight: 3 },
  { title: "Crystal Bezel Watch", handle: "crystal-bezel-watch", productType: "Watches", tags: ["crystal"], price: 27500, crystalCount: 60, collections: ["watches"], description: "Sixty crystals around a mother-of-pearl dial.", weight: 2 },
  // Pens
  { title: "Crystal Ballpoint Pen", handle: "crystal-ballpoint-pen", productType: "Pens", tags: ["crystal", "gift"], price: 4900, crystalCount: 120, options: { name: "Colour", values: ["Rose gold", "Silver", "Black"] }, collections: ["pens"], description: "A slim ballpoint filled with faceted crystals.", weight: 5 },
  { title: "Engraved Fountain Pen", handle: "engraved-fountain-pen", productType: "Pens", tags: ["personalised", "gift"], price: 8900, engravable: true, collections: ["pens", "personalised"], description: "A lacquered fountain pen with a steel nib, engraved on the barrel.", weight: 2 },
  // Tech accessories set with crystals
  { title: "Crystal Phone Case", handle: "crystal-phone-case", productType: "Phone Cases", tags: ["crystal", "tech"], price: 7900, crystalCount: 420, options: PHONES, collections: ["tech-accessories"], description: "A hard case hand-set with 420 crystals.", weight: 5 },
  { title: "Crystal Wireless Headphones", handle: "crystal-wireless-headphones", productType: "Headsets", tags: ["crystal", "tech"], price: 34900, crystalCount: 1250, collections: ["tech-accessories"], description: "Over-ear wireless headphones, crystal-set on both cups.", weight: 1 },
  { title: "Crystal Earbud Case", handle: "crystal-earbud-case", productType: "Phone Cases", tags: ["crystal", "tech", "sale"], price: 2900, compareAtPrice: 4500, crystalCount: 180, collections: ["tech-accessories", "sale"], description: "A crystal-set cover for wireless earbud cases.", weight: 3 },
  // Active Crystals
  { title: "Active Crystals Bracelet", handle: "active-crystals-bracelet", productType: "Active Crystals", tags: ["crystal", "active"], price: 3900, crystalCount: 24, options: { name: "Colour", values: ["Black", "Blush", "White"] }, collections: ["active-crystals"], description: "Crystals set in soft silicone, for the gym and every day.", weight: 6 },
  { title: "Active Crystals Pendant", handle: "active-crystals-pendant", productType: "Active Crystals", tags: ["crystal", "active"], price: 4900, crystalCount: 32, collections: ["active-crystals"], description: "A crystal-set silicone pendant on a cord.", weight: 4 },
  // Workshop services, invoiced as draft orders and paid at the counter (the earlier service visits).
  { title: "Ring Resizing", handle: "ring-resizing", productType: "Services", tags: ["service"], price: 3500, collections: [], description: "Resizing by up to two sizes in our workshop.", weight: 0, service: "resize" },
  { title: "Crystal Replacement", handle: "crystal-replacement", productType: "Services", tags: ["service"], price: 1500, collections: [], description: "Replacing up to three lost crystals.", weight: 0, service: "crystal_replacement" },
  { title: "Watch Battery and Strap", handle: "watch-battery-strap", productType: "Services", tags: ["service"], price: 2500, collections: [], description: "A new battery and strap fitted while you wait.", weight: 0, service: "repair_by_merchant" },
  { title: "Clean and Polish", handle: "clean-and-polish", productType: "Services", tags: ["service"], price: 1000, collections: [], description: "An ultrasonic clean and a hand polish.", weight: 0, service: "cleaning" },
];

export const FIRST_NAMES = [
  "Amelia", "Olivia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Lily", "Freya", "Ella", "Charlotte", "Mia",
  "Poppy", "Evie", "Harriet", "Imogen", "Alice", "Matilda", "Rosie", "Phoebe", "Oliver", "George", "Harry",
  "Jack", "Noah", "Charlie", "Thomas", "James", "William", "Oscar", "Henry", "Arthur", "Leo", "Alfie",
  "Priya", "Aisha", "Niamh", "Siobhan", "Fatima", "Zara", "Hannah", "Chloe", "Megan", "Rhiannon", "Ewan", "Callum",
];

export const LAST_NAMES = [
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright",
  "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Hughes",
  "Edwards", "Khan", "Lewis", "Harris", "Turner", "Hill", "Cooper", "Ward", "Morris", "Moore", "Clark", "Lee",
  "Baker", "Kelly", "Murphy", "Campbell", "Stewart", "Reid", "Macdonald", "Ahmed", "Hussain", "Begum",
];

export const UK_PLACES: { city: string; postcode: string; province: string; code: string }[] = [
  { city: "London", postcode: "SW1A 1AA", province: "England", code: "ENG" },
  { city: "London", postcode: "N1 9GU", province: "England", code: "ENG" },
  { city: "Manchester", postcode: "M1 1AE", province: "England", code: "ENG" },
  { city: "Birmingham", postcode: "B1 1BB", province: "England", code: "ENG" },
  { city: "Leeds", postcode: "LS1 4DY", province: "England", code: "ENG" },
  { city: "Bristol", postcode: "BS1 5TR", province: "England", code: "ENG" },
  { city: "Brighton", postcode: "BN1 1AE", province: "England", code: "ENG" },
  { city: "York", postcode: "YO1 7HH", province: "England", code: "ENG" },
  { city: "Norwich", postcode: "NR2 1NE", province: "England", code: "ENG" },
  { city: "Edinburgh", postcode: "EH1 1YZ", province: "Scotland", code: "SCT" },
  { city: "Glasgow", postcode: "G1 1XQ", province: "Scotland", code: "SCT" },
  { city: "Cardiff", postcode: "CF10 1EP", province: "Wales", code: "WLS" },
  { city: "Belfast", postcode: "BT1 5GS", province: "Northern Ireland", code: "NIR" },
];

export const ABROAD: { city: string; zip: string; country: string; countryCode: string; province: string | null }[] = [
  { city: "Dublin", zip: "D02 X285", country: "Ireland", countryCode: "IE", province: "Dublin" },
  { city: "Paris", zip: "75001", country: "France", countryCode: "FR", province: null },
  { city: "New York", zip: "10001", country: "United States", countryCode: "US", province: "New York" },
];

export const STREETS = ["High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane", "Queen Street", "The Green", "King's Road", "Market Place"];

export const ENGRAVINGS = ["Forever", "A & J", "Always yours", "25.06.2026", "E.R.H.", "With love, Mum", "Carpe diem", "M", "Our first year", "J.P.T."];
