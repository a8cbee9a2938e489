/** Word lists for realistic jewelry titles, suppliers and collections in the demo shop. */

export const METALS = [
  'Sterling Silver',
  '14k Yellow Gold',
  '14k White Gold',
  '18k Rose Gold',
  'Gold Vermeil',
  'Platinum',
  'Titanium',
  'Brass',
] as const;
export const PURITY: Record<string, string> = {
  'Sterling Silver': '925',
  '14k Yellow Gold': '585',
  '14k White Gold': '585',
  '18k Rose Gold': '750',
  'Gold Vermeil': '925',
  Platinum: '950',
  Titanium: '',
  Brass: '',
};

export const STONES = [
  'Diamond',
  'Sapphire',
  'Emerald',
  'Ruby',
  'Opal',
  'Pearl',
  'Amethyst',
  'Garnet',
  'Topaz',
  'Aquamarine',
  'Moonstone',
  'Peridot',
  'Citrine',
  'Turquoise',
  'Onyx',
  'Labradorite',
  'Tourmaline',
  'Morganite',
  'Tanzanite',
  'Jade',
] as const;

export const STYLES = [
  'Solitaire',
  'Halo',
  'Eternity',
  'Signet',
  'Stacking',
  'Twisted',
  'Hammered',
  'Vintage',
  'Art Deco',
  'Minimalist',
  'Bohemian',
  'Filigree',
  'Braided',
  'Celestial',
  'Floral',
  'Geometric',
  'Organic',
  'Baroque',
  'Dainty',
  'Chunky',
  'Cluster',
  'Bezel',
  'Pavé',
  'Marquise',
  'Teardrop',
  'Crescent',
  'Starburst',
  'Wave',
  'Knot',
  'Heart',
] as const;

export const NAMES = [
  'Aurora',
  'Luna',
  'Isla',
  'Maren',
  'Solène',
  'Juniper',
  'Elowen',
  'Calla',
  'Wren',
  'Seraphina',
  'Ondine',
  'Marisol',
  'Ottilie',
  'Ines',
  'Freya',
  'Noor',
  'Thea',
  'Rosalind',
  'Vesper',
  'Clementine',
  'Beatrix',
  'Delphine',
  'Imogen',
  'Lyra',
] as const;

export interface CategorySpec {
  name: string;
  code: string;
  nouns: readonly string[];
  /** Base price range in cents. */
  price: [number, number];
  /** Product options and their possible values (a product picks some values of each). */
  options: readonly { name: string; values: readonly string[]; pick: [number, number] }[];
  /** Share of the catalogue's products. */
  weight: number;
  /** Can be a one-of-a-kind piece with a certificate. */
  unique: boolean;
}

const METAL_OPTION = { name: 'Metal', values: METALS, pick: [2, 3] as [number, number] };

export const CATEGORIES: readonly CategorySpec[] = [
  {
    name: 'Rings',
    code: 'RNG',
    nouns: ['Ring', 'Band', 'Stacker', 'Signet Ring'],
    price: [4_500, 180_000],
    options: [{ name: 'Size', values: ['5', '6', '7', '8', '9'], pick: [5, 5] }, METAL_OPTION],
    weight: 26,
    unique: true,
  },
  {
    name: 'Necklaces',
    code: 'NKL',
    nouns: ['Necklace', 'Pendant', 'Choker', 'Chain', 'Locket'],
    price: [3_900, 150_000],
    options: [{ name: 'Length', values: ['16"', '18"', '20"', '24"'], pick: [2, 3] }, METAL_OPTION],
    weight: 20,
    unique: true,
  },
  {
    name: 'Earrings',
    code: 'EAR',
    nouns: ['Studs', 'Hoops', 'Drops', 'Huggies', 'Climbers'],
    price: [2_900, 90_000],
    options: [METAL_OPTION],
    weight: 20,
    unique: true,
  },
  {
    name: 'Bracelets',
    code: 'BRC',
    nouns: ['Bracelet', 'Bangle', 'Cuff', 'Tennis Bracelet'],
    price: [3_500, 120_000],
    options: [{ name: 'Size', values: ['S', 'M', 'L'], pick: [3, 3] }, METAL_OPTION],
    weight: 12,
    unique: true,
  },
  {
    name: 'Anklets',
    code: 'ANK',
    nouns: ['Anklet', 'Ankle Chain'],
    price: [1_900, 15_000],
    options: [{ name: 'Metal', values: METALS, pick: [1, 2] }],
    weight: 5,
    unique: false,
  },
  {
    name: 'Charms',
    code: 'CHM',
    nouns: ['Charm', 'Initial Charm', 'Birthstone Charm'],
    price: [1_500, 12_000],
    options: [],
    weight: 9,
    unique: false,
  },
  {
    name: 'Findings',
    code: 'FND',
    nouns: ['Jump Rings', 'Lobster Clasps', 'Ear Wires', 'Crimp Beads', 'Bails'],
    price: [300, 2_500],
    options: [{ name: 'Pack', values: ['10', '50', '100'], pick: [2, 3] }],
    weight: 5,
    unique: false,
  },
  {
    name: 'Packaging',
    code: 'PKG',
    nouns: ['Gift Box', 'Pouch', 'Ring Box', 'Polishing Cloth', 'Gift Bag'],
    price: [150, 1_800],
    options: [],
    weight: 3,
    unique: false,
  },
];

export const SUPPLIER_NAMES = [
  'Rio Grande Findings',
  'Stuller Castings',
  'Halstead Bead Co.',
  'Antwerp Stone Traders',
  'Jaipur Gem House',
  'Bangkok Silverworks',
  'Providence Chain Mfg.',
  'Idar-Oberstein Cutters',
  'Lisbon Filigree Atelier',
  'Tucson Mineral Supply',
  'Kyoto Pearl Farm',
  'Atelier Box & Ribbon',
] as const;

/** Collections with their season ends relative to the demo's "today" (months; null = permanent). */
export const COLLECTIONS: readonly { name: string; endsInMonths: number | null }[] = [
  { name: 'Core', endsInMonths: null },
  { name: 'Bridal', endsInMonths: null },
  { name: 'Spring Garden', endsInMonths: -9 },
  { name: 'Summer Tides', endsInMonths: -6 },
  { name: 'Autumn Ember', endsInMonths: -3 },
  { name: 'Holiday Sparkle', endsInMonths: 1 },
  { name: 'Valentine Edit', endsInMonths: 3 },
  { name: 'Riviera Summer', endsInMonths: 7 },
];
